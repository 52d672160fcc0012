import { throttleScopeOfIp } from '../client-ip/throttle-scope-of-ip.js';
import { EmailUnavailableError, RateLimitedError } from '../errors.js';
import { takeCounterSlot } from '../lib/take-counter-slot.js';
import type { MailKind } from '../observer/tessera-observer.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * What account mail needs from the engine.
 *
 * @example
 * const deps: AccountMailDeps = { store, clock, randomBytes, observer, email };
 */
export type AccountMailDeps = Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes' | 'observer' | 'email'>;

/**
 * One account message: to whom, which kind, and the page its link opens (with its token), if any.
 *
 * @example
 * const mail: AccountMail = { kind: 'password-changed', to: user.email, userId: user.id, link: null };
 * deliverInBackground(deps, mail);
 */
export interface AccountMail {
  kind: MailKind;
  to: string;
  userId: string | null;
  /** `/reset-password` with a token, `/forgot-password` without one; `null` for notices. */
  link: { page: string; token: string | null; ttlSeconds: number | null } | null;
  /** For change-of-address notices: the new address. */
  newEmail?: string;
}

/**
 * Counts an email request (forgot, resend, change) against the client IP's allowance and throws
 * `RateLimitedError` (scope `email`, 429) once it is used up. The counter lives in the counter part,
 * so with Redis every instance shares it. A refused request does not count.
 *
 * @example
 * await reserveEmailRequest(deps, origin.ip);
 */
export async function reserveEmailRequest(deps: AccountMailDeps, ip: string): Promise<void> {
  const { maxEmailRequestsPerIp, messageWindowSeconds } = deps.email.policy;
  const retryAfterSeconds = await takeCounterSlot(
    deps.store,
    `email-ip:{${throttleScopeOfIp(ip)}}`,
    maxEmailRequestsPerIp,
    messageWindowSeconds,
    deps.clock.now(),
  );
  if (retryAfterSeconds === null) return;
  deps.observer.rateLimited('email');
  throw new RateLimitedError(retryAfterSeconds, 'email');
}

/**
 * Takes one of the address's messages of this kind in the window (DESIGN §7: at most 3 in 15
 * minutes). Resolves `false` when none is left: the caller answers as usual and sends nothing.
 * Counted for unknown addresses too, so the work done does not depend on whether an account exists.
 *
 * @example
 * if (await reserveMessage(deps, 'password-reset', email)) send();
 */
export async function reserveMessage(
  deps: AccountMailDeps,
  kind: MailKind,
  address: string,
): Promise<boolean> {
  const { maxMessagesPerAddress, messageWindowSeconds } = deps.email.policy;
  const retryAfter = await takeCounterSlot(
    deps.store,
    `mail:{${address}}:${kind}`,
    maxMessagesPerAddress,
    messageWindowSeconds,
    deps.clock.now(),
  );
  return retryAfter === null;
}

/**
 * Renders and delivers one account message. The link is built from the configured public URL only.
 * Counts the outcome (metrics); on failure logs the kind and the reason (never the address's
 * message or token), records a `mail.failed` audit event, and throws `EmailUnavailableError`.
 *
 * @example
 * await deliverAccountMail(deps, { kind: 'email-verify', to: user.email, userId: user.id, link: { page: '/verify-email', token, ttlSeconds } });
 */
export async function deliverAccountMail(deps: AccountMailDeps, mail: AccountMail): Promise<void> {
  const { email } = deps;
  const link =
    mail.link === null
      ? null
      : `${email.publicUrl}${mail.link.page}${mail.link.token === null ? '' : `?token=${encodeURIComponent(mail.link.token)}`}`;
  const ttlSeconds = mail.link?.ttlSeconds ?? null;
  const rendered = email.templates[mail.kind]({
    link,
    to: mail.to,
    newEmail: mail.newEmail ?? null,
    linkMinutes: ttlSeconds === null ? null : Math.max(1, Math.floor(ttlSeconds / 60)),
  });
  try {
    await email.mailer.send({ kind: mail.kind, from: email.from, to: mail.to, ...rendered });
  } catch (error) {
    deps.observer.mailSent(mail.kind, 'failed');
    email.logger.error('mail delivery failed', { kind: mail.kind, reason: describeMailError(error) });
    await recordAuditEvent(deps, {
      type: 'mail.failed',
      userId: mail.userId,
      sessionId: null,
      ip: null,
      userAgent: null,
      detail: { kind: mail.kind, reason: describeMailError(error) },
    }).catch(() => undefined);
    throw new EmailUnavailableError(error);
  }
  deps.observer.mailSent(mail.kind, 'sent');
}

/**
 * Delivers without making the caller wait (the answer must not depend on the mail server, in time
 * or in outcome). A failure is already logged and counted by `deliverAccountMail`.
 *
 * @example
 * deliverInBackground(deps, { kind: 'password-reset', to, userId, link });
 */
export function deliverInBackground(deps: AccountMailDeps, mail: AccountMail): void {
  deliverAccountMail(deps, mail).catch(() => undefined);
}

// The code and the SMTP reply code: enough to diagnose, and free of message contents.
function describeMailError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' ? code : error.name];
  if (typeof responseCode === 'number') parts.push(String(responseCode));
  return parts.join(' ');
}
