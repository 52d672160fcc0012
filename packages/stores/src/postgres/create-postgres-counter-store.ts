import pg from 'pg';
import type { CounterState, CounterStore } from '@tessera/core/store';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** The columns of `counters` that callers see, as the driver returns them. */
interface CounterRow {
  count: number;
  expires_at: Date;
}

/**
 * The counter part of the PostgreSQL store (rate limits shared by every instance on the database). Its
 * SQL is written here for the store's schema.
 *
 * @example
 * const counters = createPostgresCounterStore(connection);
 */
export function createPostgresCounterStore({ schema, query }: PostgresConnection): CounterStore {
  const counters = `${pg.escapeIdentifier(schema)}.counters`;
  // Each statement is one atomic read-modify-write: under READ COMMITTED an UPDATE waits for a concurrent
  // one's row lock, then re-checks against the newest version, and two first increments of a new key race
  // on the primary key, where the loser waits and takes the DO UPDATE branch: no increment is ever lost.
  const sql = {
    // Used for delta > 0 ($1 key, $2 delta, $3 now, $4 expiry of a new window): creates the counter,
    // restarts an expired one with a new window, or adds to a live one without touching its expiry.
    createOrIncrement: `INSERT INTO ${counters} AS counter (key, count, expires_at) VALUES ($1, $2, $4)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN counter.expires_at <= $3::timestamptz THEN excluded.count
                      ELSE counter.count + excluded.count END,
         expires_at = CASE WHEN counter.expires_at <= $3::timestamptz THEN excluded.expires_at
                           ELSE counter.expires_at END
       RETURNING count, expires_at`,
    // Used for delta <= 0 ($1 key, $2 delta, $3 now): only a live counter changes; a missing or expired
    // one stays so, and no row comes back (the caller resolves null).
    addToLive: `UPDATE ${counters} SET count = count + $2 WHERE key = $1 AND expires_at > $3
       RETURNING count, expires_at`,
    getLive: `SELECT count, expires_at FROM ${counters} WHERE key = $1 AND expires_at > $2`,
    delete: `DELETE FROM ${counters} WHERE key = $1`,
    deleteExpired: `DELETE FROM ${counters} WHERE expires_at <= $1`,
  };

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
          ? await query<CounterRow>('incrementCounter', sql.createOrIncrement, [
              key,
              delta,
              nowText,
              expiresAtText,
            ])
          : await query<CounterRow>('incrementCounter', sql.addToLive, [key, delta, nowText]);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async getCounter(key, now) {
      const values = [key, formatTimestamp(now, 'getCounter: now')];
      const { rows } = await query<CounterRow>('getCounter', sql.getLive, values);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async deleteCounter(key) {
      await query('deleteCounter', sql.delete, [key]);
    },

    async deleteExpiredCounters(now) {
      const values = [formatTimestamp(now, 'deleteExpiredCounters: now')];
      return (await query('deleteExpiredCounters', sql.deleteExpired, values)).rowCount ?? 0;
    },
  };
}

function counterFromRow(row: CounterRow): CounterState {
  return { count: row.count, expiresAt: row.expires_at };
}
