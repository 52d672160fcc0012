import type { CounterStore } from '../store/counter-store.js';

/**
 * Counts one attempt at `key` (a fixed window of `windowSeconds` that starts with the first attempt)
 * and, when that goes over `limit`, takes it back: attempts that are refused do not count.
 * Resolves `null` when the attempt is within the limit, else the seconds until the window ends
 * (the `Retry-After` of the 429).
 *
 * Counting before checking (not "check, then count") keeps parallel attempts from all passing the
 * check before the first one is recorded (docs/decisions/0005-login-throttling.md).
 *
 * @example
 * const retryAfterSeconds = await takeCounterSlot(store, 'register-ip:{203.0.113.7}', 10, 3600, now);
 * if (retryAfterSeconds !== null) throw new RateLimitedError(retryAfterSeconds, 'registration');
 */
export async function takeCounterSlot(
  store: Pick<CounterStore, 'incrementCounter'>,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<number | null> {
  const counter = await store.incrementCounter(key, 1, windowSeconds, now);
  if (counter === null || counter.count <= limit) return null;
  await store.incrementCounter(key, -1, windowSeconds, now);
  return Math.max(1, Math.ceil((counter.expiresAt.getTime() - now.getTime()) / 1000));
}
