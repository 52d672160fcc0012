import { recordAuditEvent } from '../account/record-audit-event.js';
import { UserNotFoundError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { adminAuditDetail, type AdminActor } from './admin-actor.js';
import type { AdminDeps } from './admin-deps.js';

/**
 * Marks a user's current address verified without a mailed link, for an operator who verified it
 * another way (`tessera users verify-email`). Every instance drops its cached user at once.
 * Throws `UserNotFoundError`.
 *
 * @example
 * const user = await markUserEmailVerified(deps, userId, actor);
 */
export async function markUserEmailVerified(
  deps: AdminDeps,
  userId: string,
  actor: AdminActor,
): Promise<UserRecord> {
  const before = await deps.store.getUserById(userId);
  if (before === null) throw new UserNotFoundError();
  const user = await deps.store.markUserEmailVerified(userId, before.email);
  if (user === null) throw new UserNotFoundError();
  await deps.revocationFeed.publishUsersChanged([userId], deps.clock.now());
  await recordAuditEvent(deps, {
    type: 'email.verified',
    userId,
    sessionId: null,
    ip: actor.origin?.ip ?? null,
    userAgent: actor.origin?.userAgent ?? null,
    detail: adminAuditDetail(actor),
  });
  return user;
}
