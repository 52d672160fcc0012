import type { RefreshChainState } from '@tessera/core/store';
import { checkDate } from './check-date.js';

/**
 * Validates the refresh-chain fields of a session (on insert, and the `next` state of a rotation) and
 * resolves `refreshRotatedAt` in milliseconds. Throws `TypeError` for a caller bug, the same way in every store.
 *
 * @example
 * const { refreshRotatedAtMillis } = checkRefreshChainState(next, 'rotateSessionRefreshToken');
 */
export function checkRefreshChainState(
  state: RefreshChainState,
  operation: string,
): { refreshRotatedAtMillis: number | null } {
  for (const field of ['refreshTokenHash', 'previousRefreshTokenHash'] as const) {
    const value: unknown = state[field];
    if (value !== null && typeof value !== 'string') {
      throw new TypeError(`${operation}: ${field} must be a string or null.`);
    }
  }
  // A generation counts rotations: stores keep it in an integer column (SQLite STRICT), so a fraction or
  // a negative number can only be a bug.
  if (!Number.isSafeInteger(state.refreshGeneration) || state.refreshGeneration < 0) {
    throw new TypeError(`${operation}: refreshGeneration must be a non-negative integer.`);
  }
  return {
    refreshRotatedAtMillis:
      state.refreshRotatedAt === null
        ? null
        : checkDate(state.refreshRotatedAt, `${operation}: refreshRotatedAt`),
  };
}
