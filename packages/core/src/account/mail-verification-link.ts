import type { UserRecord } from '../store/user-store.js';
import {
  deliverAccountMail,
  deliverInBackground,
  reserveMessage,
  type AccountMailDeps,
} from './account-mail.js';
import { emailTokenTtlSeconds, issueEmailToken } from './email-token.js';

/**
 * Mails the user a link that verifies their current address, within the per-address message limit.
 * `wait: true` (resend) waits for the mail server and throws `EmailUnavailableError` when it fails;
 * otherwise the mail goes out in the background. Resolves whether a message was sent.
 *
 * @example
 * await mailVerificationLink(deps, user, { wait: false });
 */
export async function mailVerificationLink(
  deps: AccountMailDeps,
  user: UserRecord,
  options: { wait: boolean },
): Promise<boolean> {
  if (!(await reserveMessage(deps, 'email-verify', user.email))) return false;
  const token = await issueEmailToken(deps, { purpose: 'email-verify', userId: user.id, email: user.email });
  const mail = {
    kind: 'email-verify' as const,
    to: user.email,
    userId: user.id,
    link: { page: '/verify-email', token, ttlSeconds: emailTokenTtlSeconds(deps, 'email-verify') },
  };
  if (options.wait) await deliverAccountMail(deps, mail);
  else deliverInBackground(deps, mail);
  return true;
}

/**
 * Tells an address about a change to its account (password changed, address changed), in the
 * background and within the per-address message limit.
 *
 * @example
 * await mailNotice(deps, 'password-changed', user);
 */
export async function mailNotice(
  deps: AccountMailDeps,
  kind: 'password-changed' | 'email-change-notice' | 'email-changed',
  user: Pick<UserRecord, 'id' | 'email'>,
  newEmail?: string,
): Promise<void> {
  if (!(await reserveMessage(deps, kind, user.email))) return;
  deliverInBackground(deps, {
    kind,
    to: user.email,
    userId: user.id,
    link: null,
    ...(newEmail === undefined ? {} : { newEmail }),
  });
}
