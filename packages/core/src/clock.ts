/**
 * Where core reads the time from. Injected so tests can move time forward.
 *
 * @example
 * const frozen: Clock = { now: () => new Date('2030-01-01T00:00:00Z') };
 */
export interface Clock {
  now(): Date;
}

/**
 * The real clock.
 *
 * @example
 * const expiresAt = new Date(systemClock.now().getTime() + 3600_000);
 */
export const systemClock: Clock = { now: () => new Date() };
