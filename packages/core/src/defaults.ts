// Over 300 lines on purpose: every default and range of core in one file, so each is written once
// (decision 0031); it is a list of documented constants, not logic. Split it by section if it grows.
/**
 * Every default of core's factories, written once, with where it comes from; and the range each
 * whole-number setting accepts. The factories (`createTesseraDeps`, `resolveSessionPolicy`,
 * `createTesseraHttp`) fill in the defaults and check the ranges at start-up (`TypeError` naming
 * the option); the server's environment reader checks the same ranges to name its variable instead.
 * This module imports nothing, so every part of core can read it without an import circle.
 */

// Sessions (DESIGN §4).
/**
 * A session unused this long expires: 2 hours (DESIGN §4).
 *
 * @example
 * resolveSessionPolicy().idleTimeoutSeconds === DEFAULT_IDLE_TIMEOUT_SECONDS // true
 */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 7200;
/**
 * A session expires this long after sign-in, however active: 30 days (DESIGN §4).
 *
 * @example
 * resolveSessionPolicy().absoluteTimeoutSeconds === DEFAULT_ABSOLUTE_TIMEOUT_SECONDS // true
 */
export const DEFAULT_ABSOLUTE_TIMEOUT_SECONDS = 2_592_000;
/**
 * A user at the session cap who signs in again loses their oldest session (DESIGN §4).
 *
 * @example
 * resolveSessionPolicy().sessionLimitPolicy === DEFAULT_SESSION_LIMIT_POLICY // true
 */
export const DEFAULT_SESSION_LIMIT_POLICY = 'evict-oldest';

// Second factors and recent authentication (DESIGN §9).
/**
 * Sensitive routes need an authentication at most this old: 10 minutes (DESIGN §9, `TESSERA_REAUTH_MAX_AGE`).
 *
 * @example
 * resolveSessionPolicy().reauthMaxAgeSeconds === DEFAULT_REAUTH_MAX_AGE_SECONDS // true
 */
export const DEFAULT_REAUTH_MAX_AGE_SECONDS = 600;
/**
 * How long the `mfaToken` of a two-step login lives: 5 minutes (DESIGN §9).
 *
 * @example
 * const expiresAt = addSeconds(now, MFA_TOKEN_TTL_SECONDS);
 */
export const MFA_TOKEN_TTL_SECONDS = 300;
/**
 * Wrong codes after which an `mfaToken` dies (DESIGN §9).
 *
 * @example
 * await store.recordPendingLoginFailure(id, MFA_TOKEN_MAX_FAILURES);
 */
export const MFA_TOKEN_MAX_FAILURES = 5;
/**
 * Recovery codes issued at a time (DESIGN §9).
 *
 * @example
 * const codes = generateRecoveryCodes(randomBytes, RECOVERY_CODE_COUNT);
 */
export const RECOVERY_CODE_COUNT = 10;

// Throttling (DESIGN §3.1 "Throttling", §3.2).
/**
 * Failed sign-ins allowed per (account, client IP) in the window before 429 (DESIGN §3.1).
 *
 * @example
 * resolveLoginThrottlePolicy().maxFailuresPerAccount === DEFAULT_MAX_FAILURES_PER_ACCOUNT // true
 */
export const DEFAULT_MAX_FAILURES_PER_ACCOUNT = 5;
/**
 * Failed sign-ins allowed per client IP across accounts in the window (DESIGN §3.1).
 *
 * @example
 * resolveLoginThrottlePolicy().maxFailuresPerIp === DEFAULT_MAX_FAILURES_PER_IP // true
 */
export const DEFAULT_MAX_FAILURES_PER_IP = 100;
/**
 * The sign-in throttle window: 15 minutes (DESIGN §3.1).
 *
 * @example
 * resolveLoginThrottlePolicy().windowSeconds === DEFAULT_LOGIN_WINDOW_SECONDS // true
 */
export const DEFAULT_LOGIN_WINDOW_SECONDS = 900;
/**
 * Registrations allowed per client IP in the window, failed ones included (DESIGN §3.2).
 *
 * @example
 * resolveLoginThrottlePolicy().maxRegistrationsPerIp === DEFAULT_MAX_REGISTRATIONS_PER_IP // true
 */
export const DEFAULT_MAX_REGISTRATIONS_PER_IP = 10;
/**
 * The registration throttle window: an hour (DESIGN §3.2).
 *
 * @example
 * resolveLoginThrottlePolicy().registrationWindowSeconds === DEFAULT_REGISTRATION_WINDOW_SECONDS // true
 */
export const DEFAULT_REGISTRATION_WINDOW_SECONDS = 3600;

// Tokens (DESIGN §3.1 "Tokens", "Refresh races").
/**
 * Access-token lifetime: 15 minutes, the longest a revoked session's token can outlive it offline.
 *
 * @example
 * resolveTokenPolicy({ issuer, audience }).accessTokenTtlSeconds === DEFAULT_ACCESS_TOKEN_TTL_SECONDS // true
 */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
/**
 * Leeway for `exp`, `nbf` and a future `iat` (DESIGN §3.1 "Tokens").
 *
 * @example
 * resolveTokenPolicy({ issuer, audience }).clockSkewSeconds === DEFAULT_CLOCK_SKEW_SECONDS // true
 */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/**
 * A just-rotated refresh token returns the same successor this long (DESIGN §3.1 "Refresh races").
 *
 * @example
 * resolveTokenPolicy({ issuer, audience }).refreshReuseGraceSeconds === DEFAULT_REFRESH_REUSE_GRACE_SECONDS // true
 */
export const DEFAULT_REFRESH_REUSE_GRACE_SECONDS = 10;
/**
 * Algorithm of generated signing keys: Ed25519 (RFC 8037; DESIGN §3.1 "Tokens").
 *
 * @example
 * const algorithm = options.signingAlgorithm ?? DEFAULT_SIGNING_ALGORITHM;
 */
export const DEFAULT_SIGNING_ALGORITHM = 'EdDSA';

// Revocation feed between instances (docs/decisions/0012-revocation-feed.md, 0013-scale-out.md).
/**
 * Losing the shared feed refuses access tokens rather than risk accepting revoked ones.
 *
 * @example
 * const policy = options.feedLoss?.policy ?? DEFAULT_FEED_LOSS_POLICY;
 */
export const DEFAULT_FEED_LOSS_POLICY = 'fail-closed';
/**
 * How long the shared feed may be silent before it counts as lost.
 *
 * @example
 * const silence = options.feedLoss?.maxSilenceSeconds ?? DEFAULT_FEED_MAX_SILENCE_SECONDS;
 */
export const DEFAULT_FEED_MAX_SILENCE_SECONDS = 10;

// Process-local caches and bounds.
/**
 * Sessions the local cache holds; beyond it the least recently used are dropped.
 *
 * @example
 * const maxSessions = options.sessionCache?.maxSessions ?? DEFAULT_SESSION_CACHE_MAX_SESSIONS;
 */
export const DEFAULT_SESSION_CACHE_MAX_SESSIONS = 100_000;
/**
 * How long a cached user (roles, disabled flag) is trusted before it is read again.
 *
 * @example
 * const userTtl = options.sessionCache?.userTtlSeconds ?? DEFAULT_SESSION_CACHE_USER_TTL_SECONDS;
 */
export const DEFAULT_SESSION_CACHE_USER_TTL_SECONDS = 30;
/**
 * `/auth/revocations` streams open at once in one process (docs/decisions/0026-feed-subscriber-bound.md).
 *
 * @example
 * const maxSubscribers = limits.maxSubscribers ?? DEFAULT_MAX_REVOCATION_SUBSCRIBERS;
 */
export const DEFAULT_MAX_REVOCATION_SUBSCRIBERS = 1000;
/**
 * Revocations waiting for one subscriber that stopped reading before it is dropped (decision 0026).
 *
 * @example
 * const maxPending = limits.maxPendingEvents ?? DEFAULT_MAX_PENDING_REVOCATION_EVENTS;
 */
export const DEFAULT_MAX_PENDING_REVOCATION_EVENTS = 1000;
/**
 * Largest request body Tessera's routes accept: 64 KiB (DESIGN §3.1).
 *
 * @example
 * checkSetting('bodyLimitBytes', options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES)
 */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

// Email and account recovery (DESIGN §7; docs/decisions/0033-email-limits.md).
/**
 * A password-reset link works this long: 30 minutes (DESIGN §7, `TESSERA_PASSWORD_RESET_TTL`).
 *
 * @example
 * resolveEmailPolicy().passwordResetTtlSeconds === DEFAULT_PASSWORD_RESET_TTL_SECONDS // true
 */
export const DEFAULT_PASSWORD_RESET_TTL_SECONDS = 1800;
/**
 * An email-verification (or change-of-address) link works this long: a day (`TESSERA_EMAIL_VERIFY_TTL`).
 *
 * @example
 * resolveEmailPolicy().emailVerifyTtlSeconds === DEFAULT_EMAIL_VERIFY_TTL_SECONDS // true
 */
export const DEFAULT_EMAIL_VERIFY_TTL_SECONDS = 86_400;
/**
 * Unverified users sign in (`TESSERA_EMAIL_VERIFICATION=optional`, DESIGN §7).
 *
 * @example
 * resolveEmailPolicy().verification === DEFAULT_EMAIL_VERIFICATION // true
 */
export const DEFAULT_EMAIL_VERIFICATION = 'optional';
/**
 * Messages of one kind mailed to one address in the window; more requests send nothing (DESIGN §7).
 *
 * @example
 * resolveEmailPolicy().maxMessagesPerAddress === DEFAULT_MAX_MESSAGES_PER_ADDRESS // true
 */
export const DEFAULT_MAX_MESSAGES_PER_ADDRESS = 3;
/**
 * The window of the per-address message limit and of the per-IP email throttle: 15 minutes.
 *
 * @example
 * resolveEmailPolicy().messageWindowSeconds === DEFAULT_MESSAGE_WINDOW_SECONDS // true
 */
export const DEFAULT_MESSAGE_WINDOW_SECONDS = 900;
/**
 * Email requests (forgot, resend, change) per client IP in the window before 429
 * (`TESSERA_EMAIL_MAX_PER_IP`; docs/decisions/0033-email-limits.md).
 *
 * @example
 * resolveEmailPolicy().maxEmailRequestsPerIp === DEFAULT_MAX_EMAIL_REQUESTS_PER_IP // true
 */
export const DEFAULT_MAX_EMAIL_REQUESTS_PER_IP = 100;
/**
 * Seconds the SMTP client waits for a connection, the greeting, or any reply (`TESSERA_SMTP_TIMEOUT`).
 *
 * @example
 * createSmtpMailer({ url, timeoutSeconds: DEFAULT_SMTP_TIMEOUT_SECONDS })
 */
export const DEFAULT_SMTP_TIMEOUT_SECONDS = 10;
/**
 * The sender when `TESSERA_EMAIL_FROM` is unset.
 *
 * @example
 * const from = options.from ?? DEFAULT_EMAIL_FROM;
 */
export const DEFAULT_EMAIL_FROM = 'Tessera <no-reply@localhost>';

/**
 * How long a request to a sign-in provider (discovery, keys, token, user API) may take before it is
 * abandoned: 5 s. A provider outage is then a clear failure, never a hanging sign-in (DESIGN §8).
 *
 * @example
 * const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_OAUTH_TIMEOUT_SECONDS;
 */
export const DEFAULT_OAUTH_TIMEOUT_SECONDS = 5;
/**
 * How long a provider sign-in may take between leaving for the provider and coming back: 10 minutes
 * (the life of the sealed flow cookie and of its single-use mark).
 *
 * @example
 * const expiresAt = new Date(now.getTime() + DEFAULT_OAUTH_FLOW_TTL_SECONDS * 1000);
 */
export const DEFAULT_OAUTH_FLOW_TTL_SECONDS = 600;
/**
 * How long a provider's discovery document is reused before it is fetched again: an hour.
 *
 * @example
 * const fresh = ageSeconds < DEFAULT_OAUTH_DISCOVERY_TTL_SECONDS;
 */
export const DEFAULT_OAUTH_DISCOVERY_TTL_SECONDS = 3600;
/**
 * After a provider's key set was fetched, an ID token with an unknown `kid` refetches it only after
 * 5 s: a rotated key is picked up within seconds, and forged `kid`s cost at most one fetch per 5 s.
 *
 * @example
 * createRemoteJWKSet(url, { cooldownDuration: DEFAULT_OAUTH_JWKS_COOLDOWN_SECONDS * 1000 });
 */
export const DEFAULT_OAUTH_JWKS_COOLDOWN_SECONDS = 5;

// Front ends on other origins (DESIGN §10; docs/decisions/0054-cors-in-the-router.md).
/**
 * No origin is allowed cross-origin reads until `TESSERA_CORS_ORIGINS` lists it (DESIGN §10).
 *
 * @example
 * const corsOrigins = options.corsOrigins ?? DEFAULT_CORS_ORIGINS;
 */
export const DEFAULT_CORS_ORIGINS: ReadonlySet<string> = Object.freeze(new Set<string>());
/**
 * How long a browser may cache a preflight answer: 10 minutes, Chromium's own cap (decision 0054).
 *
 * @example
 * headers.push(['access-control-max-age', String(DEFAULT_CORS_MAX_AGE_SECONDS)]);
 */
export const DEFAULT_CORS_MAX_AGE_SECONDS = 600;
/**
 * Cookies are host-only (`__Host-`) unless `TESSERA_COOKIE_DOMAIN` shares them (DESIGN §3, §10).
 *
 * @example
 * const cookieDomain = options.cookieDomain ?? DEFAULT_COOKIE_DOMAIN;
 */
export const DEFAULT_COOKIE_DOMAIN: string | null = null;

/**
 * Inclusive bounds of a whole-number setting.
 *
 * @example
 * const { min, max }: SettingRange = SETTING_RANGES.clockSkewSeconds; // 0 and 600
 */
export interface SettingRange {
  readonly min: number;
  readonly max: number;
}

/** No upper bound but the largest exact integer. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The values each whole-number setting accepts, by option name (seconds, counts, bytes).
 *
 * @example
 * SETTING_RANGES.accessTokenTtlSeconds // { min: 1, max: 86400 }
 */
export const SETTING_RANGES = {
  /** At least 10 s: last-seen is written once per tenth of it, and that must be a whole second. */
  idleTimeoutSeconds: { min: 10, max: NO_LIMIT },
  absoluteTimeoutSeconds: { min: 1, max: NO_LIMIT },
  maxSessionsPerUser: { min: 1, max: NO_LIMIT },
  /** At most a day: a longer window is not "recent". */
  reauthMaxAgeSeconds: { min: 1, max: 86_400 },
  maxFailuresPerAccount: { min: 1, max: NO_LIMIT },
  maxFailuresPerIp: { min: 1, max: NO_LIMIT },
  windowSeconds: { min: 1, max: NO_LIMIT },
  maxRegistrationsPerIp: { min: 1, max: NO_LIMIT },
  registrationWindowSeconds: { min: 1, max: NO_LIMIT },
  /** At most a day: an access token is honoured offline until it expires. */
  accessTokenTtlSeconds: { min: 1, max: 86_400 },
  /** At most 10 minutes: a larger leeway is a clock to fix, not to accept. */
  clockSkewSeconds: { min: 0, max: 600 },
  /** At most 5 minutes: past that, presenting a rotated token is reuse (theft), not a race. */
  refreshReuseGraceSeconds: { min: 0, max: 300 },
  /** At most an hour: a longer silence under `fail-closed` is an outage to see, not to wait out. */
  maxSilenceSeconds: { min: 1, max: 3600 },
  bodyLimitBytes: { min: 1, max: NO_LIMIT },
  /** At most a day: browsers cap it lower anyway (Chromium 2 hours, Firefox 1 day). */
  corsMaxAgeSeconds: { min: 0, max: 86_400 },
  maxSubscribers: { min: 1, max: NO_LIMIT },
  maxPendingEvents: { min: 1, max: NO_LIMIT },
  /** At least a minute (time to open the mail), at most a day: a reset link is a password. */
  passwordResetTtlSeconds: { min: 60, max: 86_400 },
  /** At least a minute, at most 30 days. */
  emailVerifyTtlSeconds: { min: 60, max: 2_592_000 },
  maxMessagesPerAddress: { min: 1, max: NO_LIMIT },
  messageWindowSeconds: { min: 1, max: NO_LIMIT },
  maxEmailRequestsPerIp: { min: 1, max: NO_LIMIT },
  /** At most 5 minutes: a request waiting on the mail server must end. */
  smtpTimeoutSeconds: { min: 1, max: 300 },
  /** At most a minute: a browser waits for the answer. */
  oauthTimeoutSeconds: { min: 1, max: 60 },
} as const satisfies Record<string, SettingRange>;

/**
 * The name of a whole-number setting with a range in `SETTING_RANGES`.
 *
 * @example
 * const name: SettingName = 'accessTokenTtlSeconds';
 * const ttl = checkSetting(name, Number(env['TESSERA_ACCESS_TTL'] ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS));
 */
export type SettingName = keyof typeof SETTING_RANGES;

/**
 * Checks a whole-number setting against its range: a bad value is a caller or configuration bug,
 * thrown at start-up as a `TypeError` naming the option.
 *
 * @example
 * const ttl = checkSetting('accessTokenTtlSeconds', options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS);
 */
export function checkSetting(name: SettingName, value: number): number {
  const { min, max } = SETTING_RANGES[name];
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === NO_LIMIT ? `at least ${min}` : `between ${min} and ${max}`;
    throw new TypeError(`${name} must be a whole number ${range} (got ${String(value)})`);
  }
  return value;
}
