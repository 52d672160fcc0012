import { InvalidRequestError } from '../errors.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { deliverInBackground, reserveEmailRequest, reserveMessage } from './account-mail.js';
import { emailTokenTtlSeconds, issueEmailToken } from './email-token.js';
import { mailNotice } from './mail-verification-link.js';
import { normalizeEmail } from './normalize-email.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Starts a change of address (DESIGN §7): a confirmation link to the new address (the change happens
 * when it is opened) and a notice to the old one. Answered the same whether or not the new address
 * is taken: a taken address gets no link (confirming it could only fail), so the request tells the
 * caller nothing about other accounts (docs/decisions/0035-change-of-address.md). Mail goes out in
 * the background. Throws `InvalidRequestError` for an address we would never accept,
 * `RateLimitedError` per client IP. (The lead adds the recent-authentication check, §9.)
 *
 * @example
 * await requestEmailChange(deps, { user, session, newEmail: 'new@example.com', origin });
 */
export async function requestEmailChange(
  deps: TesseraDeps,
  input: { user: UserRecord; session: SessionRecord; newEmail: string; origin: RequestOrigin },
): Promise<void> {
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === null) throw new InvalidRequestError('Enter a valid email address.');
  await reserveEmailRequest(deps, input.origin.ip);
  const user = (await deps.store.getUserById(input.user.id)) ?? input.user;
  if (newEmail === user.email) return;
  const taken = (await deps.store.getUserByEmail(newEmail)) !== null;
  const allowed = await reserveMessage(deps, 'email-change', newEmail);
  const sending = !taken && allowed;
  if (sending) {
    const token = await issueEmailToken(deps, { purpose: 'email-change', userId: user.id, email: newEmail });
    deliverInBackground(deps, {
      kind: 'email-change',
      to: newEmail,
      userId: user.id,
      link: { page: '/verify-email', token, ttlSeconds: emailTokenTtlSeconds(deps, 'email-change') },
    });
  }
  await mailNotice(deps, 'email-change-notice', user, newEmail);
  await recordAuditEvent(deps, {
    type: 'email.change_requested',
    userId: user.id,
    sessionId: input.session.id,
    ip: input.origin.ip,
    userAgent: input.origin.userAgent,
    detail: { taken, sent: sending },
  });
}
