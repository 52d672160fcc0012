import type { LockManagerLike } from '../src/lock-manager-like.js';

/**
 * What `navigator.locks.request(name, callback)` does, for one process: callbacks for one name run
 * one at a time, in order of request, each granted asynchronously. Counts requests, to show that a
 * tab waited in line.
 */
export function createFifoLockManager(): LockManagerLike & { readonly requests: number } {
  const tails = new Map<string, Promise<unknown>>();
  const manager = {
    requests: 0,
    request(name: string, callback: () => Promise<void>): Promise<unknown> {
      manager.requests += 1;
      const turn = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(
        name,
        turn.catch(() => undefined),
      );
      return turn;
    },
  };
  return manager;
}
