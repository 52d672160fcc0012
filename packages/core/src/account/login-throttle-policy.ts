/** Limits on failed password attempts (DESIGN §3.1 "Throttling"). */
export interface LoginThrottlePolicy {
  /** Failures allowed per (account, client IP) in the window; the next attempt gets 429. */
  maxFailuresPerAccount: number;
  /** Failures allowed per client IP across all accounts in the window. */
  maxFailuresPerIp: number;
  /** 15 minutes by default. */
  windowSeconds: number;
}
