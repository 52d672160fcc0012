import { createHash } from 'node:crypto';
import { throttleScopeOfIp } from '../client-ip/throttle-scope-of-ip.js';
import { RateLimitedError } from '../errors.js';
import { takeCounterSlot } from '../lib/take-counter-slot.js';
import type { CounterStore } from '../store/counter-store.js';
import type { TesseraDeps } from './tessera-deps.js';

/** A reserved attempt: report how it ended exactly once. */
export interface LoginAttempt {
  /** The password was right: the account counter resets; the IP counter gives the slot back. */
  succeed(): Promise<void>;
  /** The password was wrong: the reserved slots stay counted. */
  fail(): Promise<void>;
  /** The attempt could not be judged (a store fault): both slots are given back. */
  release(): Promise<void>;
}

/**
 * Reserves one failed-attempt slot per (account, IP) and per IP *before* the password is checked,
 * and throws `RateLimitedError` if either is already used up.
 *
 * Counting first closes the race where many parallel guesses all pass a "check, then count"
 * limiter before the first failure is recorded. A refused attempt gives its slots back, because
 * attempts answered 429 do not count. Unknown emails are counted exactly like known ones. IPv6
 * clients are counted by their /64 (`throttleScopeOfIp`).
 *
 * @example
 * const attempt = await reserveLoginAttempt(deps, email, ip);
 * if (await passwordMatches()) await attempt.succeed(); else await attempt.fail();
 */
export async function reserveLoginAttempt(
  deps: Pick<TesseraDeps, 'clock' | 'throttle'> & { store: CounterStore },
  email: string,
  ip: string,
): Promise<LoginAttempt> {
  const { store, clock, throttle } = deps;
  const now = clock.now();
  const window = throttle.windowSeconds;
  // An IPv6 client is counted by its /64: it can take a new address in it for every attempt.
  const network = throttleScopeOfIp(ip);
  const ipKey = `login-ip:{${network}}`;
  // The email is hashed so a 60 KB hostile "email" makes a 64-character key.
  const accountKey = `login-account:{${network}}:${createHash('sha256').update(email).digest('hex')}`;

  const ipRefusal = await takeCounterSlot(store, ipKey, throttle.maxFailuresPerIp, window, now);
  if (ipRefusal !== null) throw new RateLimitedError(ipRefusal, 'ip');
  const accountRefusal = await takeCounterSlot(
    store,
    accountKey,
    throttle.maxFailuresPerAccount,
    window,
    now,
  );
  if (accountRefusal !== null) {
    await store.incrementCounter(ipKey, -1, window, now);
    throw new RateLimitedError(accountRefusal, 'account');
  }
  let settled = false;
  const settle = (): void => {
    if (settled) throw new TypeError('A login attempt was settled twice');
    settled = true;
  };
  return {
    async succeed() {
      settle();
      await store.deleteCounter(accountKey);
      await store.incrementCounter(ipKey, -1, window, clock.now());
    },
    fail() {
      settle();
      return Promise.resolve();
    },
    async release() {
      settle();
      await store.incrementCounter(accountKey, -1, window, clock.now());
      await store.incrementCounter(ipKey, -1, window, clock.now());
    },
  };
}
