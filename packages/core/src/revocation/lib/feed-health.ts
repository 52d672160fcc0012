import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';

/**
 * Called when following the shared log starts or stops working; `at` is when the log was last heard
 * (when it was lost), or when it answered again.
 *
 * @example
 * const onState: FeedStateListener = ({ healthy, at }) => {
 *   logger.warn(healthy ? 'revocation feed back' : 'revocation feed lost', { at: at.toISOString() });
 * };
 * const stop = deps.revocationFeed.onStateChange(onState);
 */
export type FeedStateListener = (state: { healthy: boolean; at: Date }) => void;

/**
 * Whether the shared revocation log can be followed: lost when a read fails, healthy again when one
 * answers. Each change is logged once and told to the state listeners, which apply the loss policy
 * (`createTesseraDeps`: the revocation set's `onFeedLoss`, the session cache turned off).
 */
export class FeedHealth {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #listeners = new Set<FeedStateListener>();
  #healthy = true;

  constructor(clock: Clock, logger: Logger) {
    this.#clock = clock;
    this.#logger = logger;
  }

  /** False while the shared log cannot be followed. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Registers a listener for changes; returns the function that removes it. */
  onStateChange(listener: FeedStateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A read of the log answered. */
  answered(): void {
    this.#set(true, this.#clock.now());
  }

  /** A read of the log failed; `heardAt` is when the log last answered, so when it was lost. */
  failed(error: unknown, heardAt: Date): void {
    if (this.#healthy) {
      this.#logger.error('revocation feed lost', {
        error: error instanceof Error ? error.name : typeof error,
      });
    }
    this.#set(false, heardAt);
  }

  #set(healthy: boolean, at: Date): void {
    if (this.#healthy === healthy) return;
    this.#healthy = healthy;
    if (healthy) this.#logger.info('revocation feed recovered');
    for (const listener of this.#listeners) listener({ healthy, at });
  }
}
