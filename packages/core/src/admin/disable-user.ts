import { recordAuditEvent } from '../account/record-audit-event.js';
import { revokeUserSessions } from '../account/revoke-sessions.js';
import { UserNotFoundError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { adminAuditDetail, type AdminActor } from './admin-actor.js';
import type { AdminDeps } from './admin-deps.js';
import { keepLastAdmin } from './keep-last-admin.js';

/**
 * Disables an account: sign-in, refresh and every proof are refused from now on, and every session
 * of the user is revoked through the revocation feed at once, as is the cached user (`user-changed`
 * entry) on every instance. Disabling a disabled user keeps the first `disabledAt` (and still
 * revokes anything left). Throws `UserNotFoundError`, and `LastAdminError` rather than disable the
 * last enabled administrator.
 *
 * The flag is written before the sessions are revoked, so a login racing with this call cannot
 * leave a fresh session behind: it either sees the flag, or its session is among those revoked.
 *
 * @example
 * const user = await disableUser(deps, userId, { via: 'cli', userId: null, sessionId: null, origin: null });
 */
export async function disableUser(deps: AdminDeps, userId: string, actor: AdminActor): Promise<UserRecord> {
  const current = await deps.store.getUserById(userId);
  if (current === null) throw new UserNotFoundError();
  const user =
    current.disabledAt === null
      ? await keepLastAdmin(deps.store, current, {
          staysAdmin: false,
          write: () => deps.store.updateUserDisabledAt(userId, deps.clock.now()),
          undo: () => deps.store.updateUserDisabledAt(userId, null),
        })
      : current;
  if (user === null) throw new UserNotFoundError();
  await deps.revocationFeed.publishUsersChanged([userId], deps.clock.now());
  const revoked = await revokeUserSessions(deps, null, {
    userId,
    reason: 'user-disabled',
    actorSessionId: actor.sessionId,
    origin: actor.origin,
    admin: actor,
  });
  await recordAuditEvent(deps, {
    type: 'user.disabled',
    userId,
    sessionId: null,
    ip: actor.origin?.ip ?? null,
    userAgent: actor.origin?.userAgent ?? null,
    detail: { ...adminAuditDetail(actor), revokedSessions: revoked.length },
  });
  return user;
}
