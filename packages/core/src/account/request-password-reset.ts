import { InvalidRequestError } from '../errors.js';
import { deliverInBackground, reserveEmailRequest, reserveMessage } from './account-mail.js';
import { emailTokenTtlSeconds, issueEmailToken } from './email-token.js';
import { normalizeEmail } from './normalize-email.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * "Forgot password": mails a reset link to an existing, enabled account, and answers the same way
 * whether or not there is one (DESIGN §7). The same work is done for an unknown address (the IP
 * and address counters, one user lookup); the mail goes out in the background, so neither the
 * answer nor its timing depends on the mail server. Throws `InvalidRequestError` for an address we
 * would never accept (CR/LF included: nothing is sent), `RateLimitedError` per client IP.
 *
 * @example
 * await requestPasswordReset(deps, { email: 'alice@example.com', origin });
 */
export async function requestPasswordReset(
  deps: TesseraDeps,
  input: { email: string; origin: RequestOrigin },
): Promise<void> {
  const email = normalizeEmail(input.email);
  if (email === null) throw new InvalidRequestError('Enter a valid email address.');
  await reserveEmailRequest(deps, input.origin.ip);
  const user = await deps.store.getUserByEmail(email);
  const allowed = await reserveMessage(deps, 'password-reset', email);
  const sending = allowed && user !== null && user.disabledAt === null;
  if (sending) {
    const token = await issueEmailToken(deps, { purpose: 'password-reset', userId: user.id, email });
    deliverInBackground(deps, {
      kind: 'password-reset',
      to: email,
      userId: user.id,
      link: { page: '/reset-password', token, ttlSeconds: emailTokenTtlSeconds(deps, 'password-reset') },
    });
  }
  await recordAuditEvent(deps, {
    type: 'password.reset_requested',
    userId: user?.id ?? null,
    sessionId: null,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { knownAccount: user !== null, sent: sending },
  });
}
