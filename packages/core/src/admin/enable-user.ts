import { recordAuditEvent } from '../account/record-audit-event.js';
import { UserNotFoundError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { adminAuditDetail, type AdminActor } from './admin-actor.js';
import type { AdminDeps } from './admin-deps.js';

/**
 * Enables a disabled account again (its old sessions stay revoked; the user signs in anew); every
 * instance drops its cached user at once (`user-changed` entry). Throws `UserNotFoundError`.
 *
 * @example
 * const user = await enableUser(deps, userId, actor);
 */
export async function enableUser(deps: AdminDeps, userId: string, actor: AdminActor): Promise<UserRecord> {
  const user = await deps.store.updateUserDisabledAt(userId, null);
  if (user === null) throw new UserNotFoundError();
  await deps.revocationFeed.publishUsersChanged([userId], deps.clock.now());
  await recordAuditEvent(deps, {
    type: 'user.enabled',
    userId,
    sessionId: null,
    ip: actor.origin?.ip ?? null,
    userAgent: actor.origin?.userAgent ?? null,
    detail: adminAuditDetail(actor),
  });
  return user;
}
