/** Where core reads the time from. Injected so tests can move time forward. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
