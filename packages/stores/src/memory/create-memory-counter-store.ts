import type { CounterState, CounterStore } from '@tessera/core/store';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The counter part of the memory store (rate limits of one process).
 *
 * @example
 * const counters = createMemoryCounterStore(createMemoryGate());
 */
export function createMemoryCounterStore(gate: MemoryGate): CounterStore {
  const counters = new Map<string, CounterState>();
  const { run } = gate;
  gate.onClose(() => {
    counters.clear();
  });

  function liveCounter(key: string, nowMillis: number): CounterState | undefined {
    const counter = counters.get(key);
    if (counter === undefined) return undefined;
    // Expired "at or before now", the same boundary as session expiry.
    if (counter.expiresAt.getTime() <= nowMillis) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  }

  return {
    incrementCounter(key, delta, windowSeconds, now) {
      return run(() => {
        const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
        const counter = liveCounter(key, nowMillis);
        if (counter !== undefined) {
          // The window is fixed at creation: later increments never extend it.
          counter.count += delta;
          return copyCounter(counter);
        }
        if (delta <= 0) return null;
        const created: CounterState = { count: delta, expiresAt: new Date(expiresAtMillis) };
        counters.set(key, created);
        return copyCounter(created);
      });
    },

    getCounter(key, now) {
      return run(() => {
        const counter = liveCounter(key, checkDate(now, 'getCounter: now'));
        return counter === undefined ? null : copyCounter(counter);
      });
    },

    deleteCounter(key) {
      return run(() => {
        counters.delete(key);
      });
    },

    deleteExpiredCounters(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredCounters: now');
        let count = 0;
        for (const [key, counter] of counters) {
          if (counter.expiresAt.getTime() <= nowMillis) {
            counters.delete(key);
            count += 1;
          }
        }
        return count;
      });
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copyCounter(counter: CounterState): CounterState {
  return { count: counter.count, expiresAt: new Date(counter.expiresAt.getTime()) };
}
