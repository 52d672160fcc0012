import { InvalidEmailTokenError } from '../errors.js';
import { checkNewPassword } from '../password/check-new-password.js';
import type { UserRecord } from '../store/user-store.js';
import { checkEmailToken, takeEmailToken } from './email-token.js';
import { mailNotice } from './mail-verification-link.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import { revokeUserSessions } from './revoke-sessions.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Sets a new password with a reset link's token (DESIGN §7). The token is checked first, then the
 * password (`WeakPasswordError` leaves the token unspent, so the user can try another), then the
 * token is spent (one use wins). Afterwards: every session of the user is revoked through the feed
 * (bearer tokens refused at once on every instance), every other reset link is dead, the address
 * counts as verified (the mail proved it), and the address is told. Throws
 * `InvalidEmailTokenError` for a bad, used, expired or foreign token, and for a disabled account or
 * one whose address changed since the link was mailed.
 *
 * @example
 * await resetPassword(deps, { token, newPassword, origin });
 */
export async function resetPassword(
  deps: TesseraDeps,
  input: { token: string; newPassword: string; origin: RequestOrigin },
): Promise<UserRecord> {
  const checked = await checkEmailToken(deps, input.token, ['password-reset']);
  const newPassword = checkNewPassword(input.newPassword);
  const user = await deps.store.getUserById(checked.record.userId);
  if (user === null || user.disabledAt !== null || user.email !== checked.record.email) {
    throw new InvalidEmailTokenError();
  }
  const passwordHash = await deps.passwordHasher.hash(newPassword);
  await takeEmailToken(deps, checked);
  await deps.store.updateUserPasswordHash(user.id, passwordHash);
  await deps.store.deleteUserEmailTokens(user.id, 'password-reset', null);
  const verified = (await deps.store.markUserEmailVerified(user.id, user.email)) ?? user;
  await recordAuditEvent(deps, {
    type: 'password.reset',
    userId: user.id,
    sessionId: null,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: {},
  });
  await revokeUserSessions(deps, null, {
    userId: user.id,
    reason: 'password-reset',
    actorSessionId: null,
    origin: input.origin,
  });
  // Cached copies of the user (emailVerified) are dropped on every instance.
  await deps.revocationFeed.publishUsersChanged([user.id], deps.clock.now());
  await mailNotice(deps, 'password-changed', user);
  return verified;
}
