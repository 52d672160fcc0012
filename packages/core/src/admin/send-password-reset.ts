import { deliverAccountMail, reserveMessage, type AccountMailDeps } from '../account/account-mail.js';
import { emailTokenTtlSeconds, issueEmailToken } from '../account/email-token.js';
import { recordAuditEvent } from '../account/record-audit-event.js';
import { UserNotFoundError } from '../errors.js';
import { adminAuditDetail, type AdminActor } from './admin-actor.js';

/**
 * Mails a user a password-reset link on an administrator's request (a user who cannot reach the
 * form, a support call). The link goes to the user's own address only; the administrator never
 * sees it. Waits for the mail server (`EmailUnavailableError` when it fails) and counts against the
 * per-address limit: resolves `false` when the limit was reached and nothing was sent. A disabled
 * user gets nothing (a reset could not be completed). Throws `UserNotFoundError`.
 *
 * @example
 * const sent = await sendPasswordReset(deps, userId, actor);
 */
export async function sendPasswordReset(
  deps: AccountMailDeps,
  userId: string,
  actor: AdminActor,
): Promise<boolean> {
  const user = await deps.store.getUserById(userId);
  if (user === null) throw new UserNotFoundError();
  const sent = user.disabledAt === null && (await reserveMessage(deps, 'password-reset', user.email));
  if (sent) {
    const token = await issueEmailToken(deps, { purpose: 'password-reset', userId, email: user.email });
    await deliverAccountMail(deps, {
      kind: 'password-reset',
      to: user.email,
      userId,
      link: { page: '/reset-password', token, ttlSeconds: emailTokenTtlSeconds(deps, 'password-reset') },
    });
  }
  await recordAuditEvent(deps, {
    type: 'password.reset_requested',
    userId,
    sessionId: null,
    ip: actor.origin?.ip ?? null,
    userAgent: actor.origin?.userAgent ?? null,
    detail: { ...adminAuditDetail(actor), sent },
  });
  return sent;
}
