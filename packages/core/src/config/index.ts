// `@tessera/core/config`: what a configuration reader needs: every default, the range of each
// whole-number setting and its check, the values each choice setting accepts, and the resolvers
// that fill in an options object the way the engine will. The values live beside the code they
// configure (defaults.ts, cookie-mode.ts, …); this entry only gathers them.
export {
  checkSetting,
  DEFAULT_ABSOLUTE_TIMEOUT_SECONDS,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_EMAIL_FROM,
  DEFAULT_EMAIL_VERIFICATION,
  DEFAULT_EMAIL_VERIFY_TTL_SECONDS,
  DEFAULT_MAX_EMAIL_REQUESTS_PER_IP,
  DEFAULT_MAX_MESSAGES_PER_ADDRESS,
  DEFAULT_MESSAGE_WINDOW_SECONDS,
  DEFAULT_PASSWORD_RESET_TTL_SECONDS,
  DEFAULT_SMTP_TIMEOUT_SECONDS,
  DEFAULT_COOKIE_DOMAIN,
  DEFAULT_CORS_MAX_AGE_SECONDS,
  DEFAULT_CORS_ORIGINS,
  DEFAULT_FEED_LOSS_POLICY,
  DEFAULT_FEED_MAX_SILENCE_SECONDS,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_LOGIN_WINDOW_SECONDS,
  DEFAULT_MAX_FAILURES_PER_ACCOUNT,
  DEFAULT_MAX_FAILURES_PER_IP,
  DEFAULT_MAX_PENDING_REVOCATION_EVENTS,
  DEFAULT_MAX_REGISTRATIONS_PER_IP,
  DEFAULT_MAX_REVOCATION_SUBSCRIBERS,
  DEFAULT_REFRESH_REUSE_GRACE_SECONDS,
  DEFAULT_REGISTRATION_WINDOW_SECONDS,
  DEFAULT_SESSION_CACHE_MAX_SESSIONS,
  DEFAULT_SESSION_CACHE_USER_TTL_SECONDS,
  DEFAULT_SESSION_LIMIT_POLICY,
  DEFAULT_SIGNING_ALGORITHM,
  SETTING_RANGES,
  type SettingName,
  type SettingRange,
} from '../defaults.js';
export { cookieModes } from '../cookie/cookie-mode.js';
export { feedLossPolicies } from '../revocation/feed-loss-policies.js';
export { resolveLoginThrottlePolicy } from '../account/login-throttle-policy.js';
export { resolveSessionPolicy, sessionLimitPolicies } from '../session/session-policy.js';
export { resolveTokenPolicy } from '../token/resolve-token-policy.js';
export { emailVerificationModes, resolveEmailPolicy } from '../mail/email-policy.js';
