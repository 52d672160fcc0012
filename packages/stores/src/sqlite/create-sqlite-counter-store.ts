import type { CounterStore } from '@tessera/core/store';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import { counterFromRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The counter part of the SQLite store (rate limits of the processes sharing the file).
 *
 * @example
 * const counters = createSqliteCounterStore(connection);
 */
export function createSqliteCounterStore({ statements, run }: SqliteConnection): CounterStore {
  return {
    incrementCounter(key, delta, windowSeconds, now) {
      return run('incrementCounter', () => {
        const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
        const row =
          delta > 0
            ? statements.createOrIncrementCounter.get({
                key,
                delta,
                now: nowMillis,
                expiresAt: expiresAtMillis,
              })
            : statements.addToLiveCounter.get({ key, delta, now: nowMillis });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    getCounter(key, now) {
      return run('getCounter', () => {
        const row = statements.getLiveCounter.get({ key, now: checkDate(now, 'getCounter: now') });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    deleteCounter(key) {
      return run('deleteCounter', () => {
        statements.deleteCounter.run(key);
      });
    },

    deleteExpiredCounters(now) {
      return run(
        'deleteExpiredCounters',
        () => statements.deleteExpiredCounters.run(checkDate(now, 'deleteExpiredCounters: now')).changes,
      );
    },
  };
}
