import type { RevocationEntry, RevocationStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `revocations`, as inserted (the cursor is assigned by SQLite). */
interface RevocationInsertRow {
  session_id: string;
  revoked_at: number;
  expires_at: number;
}

/** A row of `revocations`. */
interface RevocationRow extends RevocationInsertRow {
  cursor: number;
}

const columns = 'cursor, session_id, revoked_at, expires_at';

/**
 * The revocation-log part of the SQLite store. Its statements are prepared here, next to the only code
 * that runs them, when the store opens.
 *
 * @example
 * const revocations = createSqliteRevocationStore(connection);
 */
export function createSqliteRevocationStore({ db, run }: SqliteConnection): RevocationStore {
  const statements = {
    append: db.prepare<RevocationInsertRow, { cursor: number }>(
      `INSERT INTO revocations (session_id, revoked_at, expires_at)
       VALUES (@session_id, @revoked_at, @expires_at)
       RETURNING cursor`,
    ),
    // Cursors compare as integers here, never as text. The unary + keeps the expires_at index out of
    // this plan whatever the planner's statistics say: a follower reads a short tail after its cursor,
    // which the primary key finds directly, while the expiry index would walk every live entry and sort.
    list: db.prepare<{ after: number; now: number; limit: number }, RevocationRow>(
      `SELECT ${columns} FROM revocations
       WHERE cursor > @after AND +expires_at > @now
       ORDER BY cursor LIMIT @limit`,
    ),
    deleteExpired: db.prepare<[number]>('DELETE FROM revocations WHERE expires_at <= ?'),
  };

  // All of a batch or none of it, so a follower never sees half of a logout-all. IMMEDIATE takes the
  // write lock up front: a second process appending waits its turn (busy_timeout) instead of failing.
  const appendRevocationRows = db.transaction((rows: readonly RevocationInsertRow[]): RevocationRow[] =>
    rows.map((row) => {
      const inserted = statements.append.get(row);
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
        return statements.list.all(params).map(revocationFromRow);
      });
    },

    deleteExpiredRevocations(now) {
      return run(
        'deleteExpiredRevocations',
        () => statements.deleteExpired.run(checkDate(now, 'deleteExpiredRevocations: now')).changes,
      );
    },
  };
}

function revocationToRow(entry: Omit<RevocationEntry, 'cursor'>): RevocationInsertRow {
  return {
    session_id: entry.sessionId,
    revoked_at: checkDate(entry.revokedAt, 'appendRevocations: revokedAt'),
    expires_at: checkDate(entry.expiresAt, 'appendRevocations: expiresAt'),
  };
}

function revocationFromRow(row: RevocationRow): RevocationEntry {
  return {
    cursor: formatRevocationCursor(row.cursor),
    sessionId: row.session_id,
    revokedAt: new Date(row.revoked_at),
    expiresAt: new Date(row.expires_at),
  };
}
