/**
 * What a whole store (and any part that owns a connection) offers besides its data methods.
 *
 * @example
 * await store.ping();
 * await store.close();
 */
export interface StoreLifecycle {
  /** Resolves when the store answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
