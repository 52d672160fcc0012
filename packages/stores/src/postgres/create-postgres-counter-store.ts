import type { CounterStore } from '@tessera/core/store';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { formatTimestamp } from './format-timestamp.js';
import { counterFromRow } from './postgres-rows.js';
import type { CounterRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The counter part of the PostgreSQL store (rate limits shared by every instance on the database).
 *
 * @example
 * const counters = createPostgresCounterStore(connection);
 */
export function createPostgresCounterStore({ queries, query }: PostgresConnection): CounterStore {
  return {
    async incrementCounter(key, delta, windowSeconds, now) {
      const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
      const nowText = formatTimestamp(new Date(nowMillis), 'incrementCounter: now');
      const expiresAtText = formatTimestamp(
        new Date(expiresAtMillis),
        'incrementCounter: now + windowSeconds',
      );
      const { rows } =
        delta > 0
          ? await query<CounterRow>('incrementCounter', queries.createOrIncrementCounter, [
              key,
              delta,
              nowText,
              expiresAtText,
            ])
          : await query<CounterRow>('incrementCounter', queries.addToLiveCounter, [key, delta, nowText]);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async getCounter(key, now) {
      const values = [key, formatTimestamp(now, 'getCounter: now')];
      const { rows } = await query<CounterRow>('getCounter', queries.getLiveCounter, values);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async deleteCounter(key) {
      await query('deleteCounter', queries.deleteCounter, [key]);
    },

    async deleteExpiredCounters(now) {
      const values = [formatTimestamp(now, 'deleteExpiredCounters: now')];
      return (await query('deleteExpiredCounters', queries.deleteExpiredCounters, values)).rowCount ?? 0;
    },
  };
}
