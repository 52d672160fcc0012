// Defaults of sessions, sign-in and its throttles, second factors, tokens, the revocation feed and
// the process's own bounds (DESIGN §3.1, §3.2, §4, §9). Re-exported by ../defaults.ts; imports nothing.

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
