import type { RevocationStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { revocationFromRow, revocationToRow } from './sqlite-rows.js';
import type { RevocationInsertRow, RevocationRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The revocation-log part of the SQLite store.
 *
 * @example
 * const revocations = createSqliteRevocationStore(connection);
 */
export function createSqliteRevocationStore({ db, statements, run }: SqliteConnection): RevocationStore {
  // All of a batch or none of it, so a follower never sees half of a logout-all. IMMEDIATE takes the
  // write lock up front: a second process appending waits its turn (busy_timeout) instead of failing.
  const appendRevocationRows = db.transaction((rows: readonly RevocationInsertRow[]): RevocationRow[] =>
    rows.map((row) => {
      const inserted = statements.appendRevocation.get(row);
      if (inserted === undefined) throw new Error('appendRevocations: INSERT … RETURNING returned no row.');
      return { ...row, cursor: inserted.cursor };
    }),
  );

  return {
    appendRevocations(entries) {
      return run('appendRevocations', () => {
        // Every entry is checked before the first is written.
        const rows = entries.map(revocationToRow);
        if (rows.length === 0) return [];
        return appendRevocationRows.immediate(rows).map(revocationFromRow);
      });
    },

    listRevocations(afterCursor, now, limit) {
      return run('listRevocations', () => {
        checkListLimit(limit, 'listRevocations');
        const params = {
          after: parseRevocationCursor(afterCursor, 'listRevocations'),
          now: checkDate(now, 'listRevocations: now'),
          limit,
        };
        return statements.listRevocations.all(params).map(revocationFromRow);
      });
    },

    deleteExpiredRevocations(now) {
      return run(
        'deleteExpiredRevocations',
        () =>
          statements.deleteExpiredRevocations.run(checkDate(now, 'deleteExpiredRevocations: now')).changes,
      );
    },
  };
}
