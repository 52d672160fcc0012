/**
 * A fixed-window counter (rate limits).
 *
 * @example
 * const state: CounterState | null = await store.getCounter('login-ip:{203.0.113.7}', new Date());
 * if (state !== null) console.log(`${state.count} failures, window ends ${state.expiresAt.toISOString()}`);
 */
export interface CounterState {
  count: number;
  expiresAt: Date;
}

/**
 * Fixed-window counters used for throttling. Atomic per call.
 *
 * @example
 * const counters: CounterStore = createRedisCounterStore(client, { prefix: 'tessera' });
 * const state = await counters.incrementCounter('login-ip:{203.0.113.7}', 1, 900, new Date()); // { count: 1, expiresAt }
 */
export interface CounterStore {
  /**
   * Adds `delta` (may be negative) to the counter at `key` and resolves its new state.
   * A missing or expired counter starts from 0 with an expiry `windowSeconds` after `now`, but only
   * when `delta > 0`; otherwise a missing counter stays missing and the call resolves `null`.
   * The expiry is set on creation only: later increments do not extend the window.
   */
  incrementCounter(
    key: string,
    delta: number,
    windowSeconds: number,
    now: Date,
  ): Promise<CounterState | null>;
  /** The live counter at `key`, or `null` when missing or expired at `now`. */
  getCounter(key: string, now: Date): Promise<CounterState | null>;
  deleteCounter(key: string): Promise<void>;
  /**
   * Drops counters expired at `now`; resolves how many. Attackers choose the keys (account and IP),
   * so expired counters must not pile up.
   */
  deleteExpiredCounters(now: Date): Promise<number>;
}

/**
 * The method names of `CounterStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(counterStoreMethods); // ['incrementCounter', …]
 */
export const counterStoreMethods = {
  incrementCounter: true,
  getCounter: true,
  deleteCounter: true,
  deleteExpiredCounters: true,
} as const satisfies Record<keyof CounterStore, true>;
