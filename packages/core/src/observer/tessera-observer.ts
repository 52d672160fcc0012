import type { RevocationReason } from '../account/revocation-reason.js';
import type { ProofKind } from '../api/proof-kind.js';

/**
 * How a password sign-in ended (the sign-in that follows a registration is a success too).
 *
 * @example
 * const logins = new Map<LoginOutcome, number>();
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   loginAttempted(outcome) {
 *     logins.set(outcome, (logins.get(outcome) ?? 0) + 1);
 *   },
 * };
 */
export type LoginOutcome = 'success' | 'failure' | 'throttled';

/**
 * How a refresh-token exchange ended.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   refreshed(outcome: RefreshOutcome) {
 *     if (outcome === 'reused') reuseDetections.inc(); // a stolen refresh token was replayed
 *   },
 * };
 */
export type RefreshOutcome = 'success' | 'invalid' | 'reused';

/**
 * Which limit refused an attempt: failed logins per (account, client IP) or per client IP, or registrations per client IP.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   rateLimited(scope: RateLimitScope) {
 *     rateLimited.labels(scope).inc();
 *   },
 * };
 */
export type RateLimitScope = 'account' | 'ip' | 'registration' | 'email';

/**
 * Which message an account mail was (DESIGN §7); a closed set, so it can be a metric label.
 *
 * @example
 * const kind: MailKind = 'password-reset';
 * const { subject } = defaultEmailTemplates[kind](input);
 */
export type MailKind =
  | 'password-reset'
  | 'email-verify'
  | 'email-change'
  | 'email-change-notice'
  | 'email-changed'
  | 'password-changed'
  | 'account-exists';

/**
 * Whether the mail server took a message.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   mailSent(kind: MailKind, outcome: MailOutcome) {
 *     mailTotal.labels(kind, outcome).inc(); // outcome: 'sent' or 'failed'
 *   },
 * };
 */
export type MailOutcome = 'sent' | 'failed';

/**
 * The proof a request presented (`ProofKind` of the HTTP layer).
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   sessionAuthenticated(mode: AuthenticationMode, outcome, seconds) {
 *     authSeconds.labels(mode, outcome).observe(seconds); // mode: 'session-cookie', 'access-cookie' or 'bearer'
 *   },
 * };
 */
export type AuthenticationMode = ProofKind;

/**
 * A WebAuthn ceremony: creating a passkey, or signing in with one.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   passkeyCeremony(ceremony: PasskeyCeremony, outcome) {
 *     passkeyTotal.labels(ceremony, outcome).inc(); // ceremony: 'registration' or 'authentication'
 *   },
 * };
 */
export type PasskeyCeremony = 'registration' | 'authentication';

/**
 * Whether a passkey ceremony was accepted.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   passkeyCeremony(ceremony, outcome: PasskeyOutcome) {
 *     passkeyTotal.labels(ceremony, outcome).inc(); // outcome: 'success' or 'failure'
 *   },
 * };
 */
export type PasskeyOutcome = 'success' | 'failure';

/**
 * Whether a presented proof was accepted.
 *
 * @example
 * const observer: TesseraObserver = {
 *   ...silentObserver,
 *   sessionAuthenticated(mode, outcome: AuthenticationOutcome) {
 *     if (outcome === 'refused') refusals.labels(mode).inc();
 *   },
 * };
 */
export type AuthenticationOutcome = 'authenticated' | 'refused';

/**
 * Counts what the engine does, for metrics. Core calls it at the few places that already know an
 * outcome; the server implements it (with Prometheus) and core stays free of any metrics library.
 *
 * Arguments are small closed sets, never a user id, email, address or token: a label must not
 * identify anyone and must not grow with traffic. Methods are synchronous and must be cheap: some
 * run on every authenticated request.
 *
 * @example
 * const deps = await createTesseraDeps({ store, secrets, tokens, observer: myObserver });
 */
export interface TesseraObserver {
  /** A password login was answered (success, wrong credentials, or refused by the throttle). */
  loginAttempted(outcome: LoginOutcome): void;
  /** A request presented a proof of session; `seconds` is how long checking it took. */
  sessionAuthenticated(mode: AuthenticationMode, outcome: AuthenticationOutcome, seconds: number): void;
  /** A refresh token was presented. */
  refreshed(outcome: RefreshOutcome): void;
  /** `count` sessions were revoked for `reason` (count 0 is not reported). */
  revoked(reason: RevocationReason, count: number): void;
  /** A login or registration attempt hit a limit. */
  rateLimited(scope: RateLimitScope): void;
  /**
   * A backing store (or what depends on it: keys, the revocation feed) failed; `operation` is the
   * route pattern being served (e.g. `POST /auth/login`), `application-request` (an application's
   * own route, through `createRequestAuthenticator`) or `revocation-feed` (following the shared log).
   */
  storeFailed(operation: string): void;
  /** This instance applied a revocation `lagSeconds` after it was made (feed propagation). */
  revocationApplied(lagSeconds: number): void;
  /**
   * A second-factor code was checked at sign-in or reauthentication (DESIGN §9). Optional: observers
   * written before second factors existed keep compiling.
   */
  secondFactorChecked?(factor: 'totp' | 'recovery_code', outcome: 'success' | 'failure'): void;
  /** An account mail was handed to the mail server (or the outbox), or delivery failed. */
  mailSent(kind: MailKind, outcome: MailOutcome): void;
  /** A passkey registration or sign-in was answered. */
  passkeyCeremony(ceremony: PasskeyCeremony, outcome: PasskeyOutcome): void;
}

/**
 * The observer that does nothing: the default when no metrics are wanted.
 *
 * @example
 * const observer: TesseraObserver = silentObserver;
 */
export const silentObserver: TesseraObserver = Object.freeze({
  loginAttempted() {},
  sessionAuthenticated() {},
  refreshed() {},
  revoked() {},
  rateLimited() {},
  storeFailed() {},
  revocationApplied() {},
  mailSent() {},
  passkeyCeremony() {},
});
