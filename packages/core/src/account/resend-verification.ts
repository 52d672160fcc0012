import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { reserveEmailRequest } from './account-mail.js';
import { mailVerificationLink } from './mail-verification-link.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Mails the signed-in user a fresh verification link and waits for the mail server: its failure is
 * `EmailUnavailableError` (503), since the user must know to try again. An already verified
 * address, or one that reached its message limit, gets nothing (same answer). Throws
 * `RateLimitedError` per client IP.
 *
 * @example
 * await resendVerification(deps, { user, session, origin });
 */
export async function resendVerification(
  deps: TesseraDeps,
  input: { user: UserRecord; session: SessionRecord; origin: RequestOrigin },
): Promise<void> {
  await reserveEmailRequest(deps, input.origin.ip);
  // The cached user may be a few seconds old: read the stored one.
  const user = (await deps.store.getUserById(input.user.id)) ?? input.user;
  if (user.emailVerified) return;
  const sent = await mailVerificationLink(deps, user, { wait: true });
  await recordAuditEvent(deps, {
    type: 'email.verification_sent',
    userId: user.id,
    sessionId: input.session.id,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { sent, via: 'resend' },
  });
}
