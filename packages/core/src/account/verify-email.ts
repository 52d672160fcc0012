import { EmailTakenError, InvalidEmailTokenError } from '../errors.js';
import type { UserRecord } from '../store/user-store.js';
import { checkEmailToken, takeEmailToken } from './email-token.js';
import { mailNotice } from './mail-verification-link.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Confirms an address with a link's token; no session needed (DESIGN §7). A verification token
 * marks the address verified (only while the account still has it); a change-of-address token
 * switches the account to the new address, verified, and tells the old one. Throws
 * `InvalidEmailTokenError` for a bad, used, expired or foreign token, and `EmailTakenError` when
 * the new address was taken meanwhile (the token is spent: the change is over).
 *
 * @example
 * const user = await verifyEmail(deps, { token, origin });
 */
export async function verifyEmail(
  deps: TesseraDeps,
  input: { token: string; origin: RequestOrigin },
): Promise<UserRecord> {
  const checked = await checkEmailToken(deps, input.token, ['email-verify', 'email-change']);
  const token = await takeEmailToken(deps, checked);
  const before = await deps.store.getUserById(token.userId);
  if (before === null) throw new InvalidEmailTokenError();
  let user: UserRecord;
  if (token.purpose === 'email-verify') {
    const verified = await deps.store.markUserEmailVerified(token.userId, token.email);
    if (verified === null) throw new InvalidEmailTokenError();
    user = verified;
    await audit(deps, 'email.verified', user, input.origin, {});
  } else {
    const changed = await deps.store.changeUserEmail(token.userId, before.email, token.email);
    if (changed === false) throw new EmailTakenError();
    if (changed === null) throw new InvalidEmailTokenError();
    user = changed;
    // Links mailed to the old address (reset, verification) are bound to it and die with it.
    await deps.store.deleteUserEmailTokens(user.id, 'password-reset', null);
    await deps.store.deleteUserEmailTokens(user.id, 'email-verify', null);
    await deps.store.deleteUserEmailTokens(user.id, 'email-change', null);
    await audit(deps, 'email.changed', user, input.origin, { from: before.email, to: user.email });
    await mailNotice(deps, 'email-changed', before, user.email);
  }
  // Cached copies of the user (email, emailVerified) are dropped on every instance.
  await deps.revocationFeed.publishUsersChanged([user.id], deps.clock.now());
  return user;
}

async function audit(
  deps: TesseraDeps,
  type: 'email.verified' | 'email.changed',
  user: UserRecord,
  origin: RequestOrigin,
  detail: Record<string, string>,
): Promise<void> {
  await recordAuditEvent(deps, {
    type,
    userId: user.id,
    sessionId: null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail,
  });
}
