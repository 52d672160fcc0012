import { StoreUnavailableError } from '@tessera/core';

/**
 * What the memory store's parts share: one "closed" flag, and the clean-up each part registers.
 *
 * @example
 * const gate = createMemoryGate();
 * const users = createMemoryUserStore(gate, new Map());
 */
export interface MemoryGate {
  /**
   * Runs one operation to completion before any other can start (nothing in it awaits), which is what
   * makes each call atomic in a single process; a throw becomes a rejection, like a real driver's.
   */
  readonly run: <T>(work: () => T) => Promise<T>;
  /** Registers what `close` drops (a part's data). */
  onClose(drop: () => void): void;
  /** Idempotent; every later `run` rejects with `StoreUnavailableError`. */
  close(): void;
}

/**
 * A fresh gate for one memory store; see `MemoryGate`.
 *
 * @example
 * const gate = createMemoryGate();
 * await gate.run(() => 1);
 */
export function createMemoryGate(): MemoryGate {
  let closed = false;
  const drops: (() => void)[] = [];
  return {
    run: <T>(work: () => T): Promise<T> =>
      new Promise<T>((resolve) => {
        // Same behaviour as a real store after `close()`: an infrastructure fault, never "not found".
        if (closed) throw new StoreUnavailableError('The memory store is closed.', undefined);
        resolve(work());
      }),
    onClose(drop) {
      drops.push(drop);
    },
    close() {
      // Dropping the data too makes a use-after-close bug fail loudly instead of reading stale state.
      closed = true;
      for (const drop of drops) drop();
    },
  };
}
