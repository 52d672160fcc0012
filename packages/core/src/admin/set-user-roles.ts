import { recordAuditEvent } from '../account/record-audit-event.js';
import { InvalidRequestError, UserNotFoundError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { adminAuditDetail, type AdminActor } from './admin-actor.js';
import type { AdminDeps } from './admin-deps.js';
import { ADMIN_ROLE } from './admin-role.js';
import { keepLastAdmin } from './keep-last-admin.js';

/** Roles are short tokens (they travel in every access token): letters, digits and `_ . : -`. */
const ROLE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_ROLES = 32;

/**
 * Checks a role list from an administrator and returns it without repeats, in the given order.
 * Throws `InvalidRequestError` naming the problem.
 *
 * @example
 * parseRoles(['admin', 'support']); // ['admin', 'support']
 */
export function parseRoles(roles: unknown): string[] {
  if (!Array.isArray(roles)) throw new InvalidRequestError('"roles" must be an array of strings.');
  if (roles.length > MAX_ROLES) throw new InvalidRequestError(`At most ${MAX_ROLES} roles.`);
  const unique: string[] = [];
  for (const role of roles as unknown[]) {
    if (typeof role !== 'string' || !ROLE_PATTERN.test(role)) {
      throw new InvalidRequestError(
        'Each role must be 1 to 64 characters: letters, digits, "_", ".", ":" or "-".',
      );
    }
    if (!unique.includes(role)) unique.push(role);
  }
  return unique;
}

/**
 * Replaces a user's roles. No session is revoked: the next access token the user gets (at the next
 * refresh or login) carries the new roles, and a `user-changed` entry on the revocation feed makes
 * every instance drop its cached user at once, so `requireRole` and the admin API see the new
 * roles on the next request. Throws `InvalidRequestError` for a bad list, `UserNotFoundError`, and
 * `LastAdminError` rather than take `admin` from the last enabled administrator.
 *
 * @example
 * const user = await setUserRoles(deps, userId, ['admin'], actor);
 */
export async function setUserRoles(
  deps: AdminDeps,
  userId: string,
  roles: readonly string[],
  actor: AdminActor,
): Promise<UserRecord> {
  const parsed = parseRoles(roles);
  const before = await deps.store.getUserById(userId);
  if (before === null) throw new UserNotFoundError();
  const user = await keepLastAdmin(deps.store, before, {
    staysAdmin: parsed.includes(ADMIN_ROLE),
    write: () => deps.store.updateUserRoles(userId, parsed),
    undo: () => deps.store.updateUserRoles(userId, before.roles),
  });
  if (user === null) throw new UserNotFoundError();
  // After the write: an instance that drops its cached user re-reads the new roles.
  await deps.revocationFeed.publishUsersChanged([userId], deps.clock.now());
  await recordAuditEvent(deps, {
    type: 'user.roles_changed',
    userId,
    sessionId: null,
    ip: actor.origin?.ip ?? null,
    userAgent: actor.origin?.userAgent ?? null,
    detail: { ...adminAuditDetail(actor), from: before.roles.join(' '), to: parsed.join(' ') },
  });
  return user;
}
