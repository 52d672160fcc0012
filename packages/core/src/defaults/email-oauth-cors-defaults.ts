// Defaults of what Tessera talks to or is called from: the mail server (DESIGN §7), sign-in
// providers (§8) and front ends on other origins (§10). Re-exported by ../defaults.ts; imports nothing.

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

// Sign-in providers (DESIGN §8).
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
