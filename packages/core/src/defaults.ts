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

/** Inclusive bounds of a whole-number setting. */
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
} as const satisfies Record<string, SettingRange>;

/** The name of a whole-number setting with a range in `SETTING_RANGES`. */
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
