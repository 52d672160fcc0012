/** Limits on failed password attempts (DESIGN §3.1 "Throttling") and on registrations (§3.2). */
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
