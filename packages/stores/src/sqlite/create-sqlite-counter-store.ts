import type { CounterState, CounterStore } from '@tessera/core/store';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** The columns of `counters` that callers see; `expires_at` in INTEGER milliseconds. */
interface CounterRow {
  count: number;
  expires_at: number;
}

/**
 * The counter part of the SQLite store (rate limits of the processes sharing the file). Its statements
 * are prepared here, next to the only code that runs them, when the store opens.
 *
 * @example
 * const counters = createSqliteCounterStore(connection);
 */
export function createSqliteCounterStore({ db, run }: SqliteConnection): CounterStore {
  // Each statement is one atomic read-modify-write. SQLite takes the write lock before a write statement
  // reads anything, so two processes incrementing the same key on the same file serialize on that lock
  // and neither can lose the other's increment.
  const statements = {
    // Used for delta > 0: creates the counter, restarts an expired one with a new window, or adds to a
    // live one without touching its expiry (the window is set on creation only).
    createOrIncrement: db.prepare<{ key: string; delta: number; now: number; expiresAt: number }, CounterRow>(
      `INSERT INTO counters (key, count, expires_at) VALUES (@key, @delta, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN counters.expires_at <= @now THEN excluded.count
                      ELSE counters.count + excluded.count END,
         expires_at = CASE WHEN counters.expires_at <= @now THEN excluded.expires_at
                           ELSE counters.expires_at END
       RETURNING count, expires_at`,
    ),
    // Used for delta <= 0: only a live counter changes; a missing or expired one stays so, and no row
    // comes back (the caller resolves null).
    addToLive: db.prepare<{ key: string; delta: number; now: number }, CounterRow>(
      `UPDATE counters SET count = count + @delta WHERE key = @key AND expires_at > @now
       RETURNING count, expires_at`,
    ),
    getLive: db.prepare<{ key: string; now: number }, CounterRow>(
      'SELECT count, expires_at FROM counters WHERE key = @key AND expires_at > @now',
    ),
    delete: db.prepare<[string]>('DELETE FROM counters WHERE key = ?'),
    deleteExpired: db.prepare<[number]>('DELETE FROM counters WHERE expires_at <= ?'),
  };

  return {
    incrementCounter(key, delta, windowSeconds, now) {
      return run('incrementCounter', () => {
        const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
        const row =
          delta > 0
            ? statements.createOrIncrement.get({ key, delta, now: nowMillis, expiresAt: expiresAtMillis })
            : statements.addToLive.get({ key, delta, now: nowMillis });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    getCounter(key, now) {
      return run('getCounter', () => {
        const row = statements.getLive.get({ key, now: checkDate(now, 'getCounter: now') });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    deleteCounter(key) {
      return run('deleteCounter', () => {
        statements.delete.run(key);
      });
    },

    deleteExpiredCounters(now) {
      return run(
        'deleteExpiredCounters',
        () => statements.deleteExpired.run(checkDate(now, 'deleteExpiredCounters: now')).changes,
      );
    },
  };
}

function counterFromRow(row: CounterRow): CounterState {
  return { count: row.count, expiresAt: new Date(row.expires_at) };
}
