import { checkDate } from './check-date.js';

/**
 * Validates the arguments of `incrementCounter` and computes the window a new counter would get.
 *
 * Shared by every store so they reject the same caller bugs the same way (`TypeError`).
 *
 * @example
 * const { nowMillis, expiresAtMillis } = checkCounterArguments(1, 900, new Date());
 */
export function checkCounterArguments(
  delta: number,
  windowSeconds: number,
  now: Date,
): { nowMillis: number; expiresAtMillis: number } {
  // Integers only: counts are event tallies, and stores keep them in integer columns (SQLite STRICT,
  // Redis INCRBY), so a fraction would be rounded differently by each store.
  if (!Number.isSafeInteger(delta)) throw new TypeError('incrementCounter: delta must be a safe integer.');
  if (!Number.isSafeInteger(windowSeconds) || windowSeconds <= 0) {
    throw new TypeError('incrementCounter: windowSeconds must be a positive integer.');
  }
  const nowMillis = checkDate(now, 'incrementCounter: now');
  return { nowMillis, expiresAtMillis: nowMillis + windowSeconds * 1000 };
}
