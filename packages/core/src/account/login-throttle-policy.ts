import {
  checkSetting,
  DEFAULT_LOGIN_WINDOW_SECONDS,
  DEFAULT_MAX_FAILURES_PER_ACCOUNT,
  DEFAULT_MAX_FAILURES_PER_IP,
  DEFAULT_MAX_REGISTRATIONS_PER_IP,
  DEFAULT_REGISTRATION_WINDOW_SECONDS,
} from '../defaults.js';

/**
 * Limits on failed password attempts (DESIGN §3.1 "Throttling") and on registrations (§3.2).
 *
 * @example
 * const throttle: LoginThrottlePolicy = resolveLoginThrottlePolicy({ maxFailuresPerAccount: 10 });
 * const deps = await createTesseraDeps({ store, secrets, tokens, throttle });
 */
export interface LoginThrottlePolicy {
  /** Failures allowed per (account, client IP) in the window; the next attempt gets 429. */
  maxFailuresPerAccount: number;
  /** Failures allowed per client IP across all accounts in the window. */
  maxFailuresPerIp: number;
  /** 15 minutes by default. */
  windowSeconds: number;
  /**
   * Registration attempts allowed per client IP in `registrationWindowSeconds`, failed ones included
   * (docs/decisions/0020-register-throttle.md); the next attempt gets 429.
   */
  maxRegistrationsPerIp: number;
  /** One hour by default. */
  registrationWindowSeconds: number;
}

/**
 * Fills in the throttle defaults (DESIGN §3.1, §3.2) and checks every limit; a bad value is a
 * caller bug (TypeError naming the option).
 *
 * @example
 * resolveLoginThrottlePolicy({ maxFailuresPerAccount: 10 }).windowSeconds // 900
 */
export function resolveLoginThrottlePolicy(input: Partial<LoginThrottlePolicy> = {}): LoginThrottlePolicy {
  return {
    maxFailuresPerAccount: checkSetting(
      'maxFailuresPerAccount',
      input.maxFailuresPerAccount ?? DEFAULT_MAX_FAILURES_PER_ACCOUNT,
    ),
    maxFailuresPerIp: checkSetting('maxFailuresPerIp', input.maxFailuresPerIp ?? DEFAULT_MAX_FAILURES_PER_IP),
    windowSeconds: checkSetting('windowSeconds', input.windowSeconds ?? DEFAULT_LOGIN_WINDOW_SECONDS),
    maxRegistrationsPerIp: checkSetting(
      'maxRegistrationsPerIp',
      input.maxRegistrationsPerIp ?? DEFAULT_MAX_REGISTRATIONS_PER_IP,
    ),
    registrationWindowSeconds: checkSetting(
      'registrationWindowSeconds',
      input.registrationWindowSeconds ?? DEFAULT_REGISTRATION_WINDOW_SECONDS,
    ),
  };
}
