import pg from 'pg';
import type { RevocationEntry, RevocationStore } from '@tessera/core/store';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `revocations` as the driver returns it (`bigint` read as a number, see create-postgres-pool.ts). */
interface RevocationRow {
  cursor: number;
  session_id: string;
  revoked_at: Date;
  expires_at: Date;
}

const columns = 'cursor, session_id, revoked_at, expires_at';

/**
 * The SQL of the revocation-log part for `schema`. Exported so the plan test can EXPLAIN exactly what
 * the store runs.
 *
 * @example
 * const sql = buildRevocationQueries('tessera');
 * await client.query(`EXPLAIN ${sql.list}`, [0, new Date().toISOString(), 100]);
 */
export function buildRevocationQueries(schema: string) {
  const revocations = `${pg.escapeIdentifier(schema)}.revocations`;
  return {
    // Taken at the start of every append transaction. A sequence hands out numbers when rows are
    // inserted, not when they commit: without this lock, an append could take cursor 10, a concurrent
    // one 11 and commit first, and a follower reading 11 would resume after it and never see 10. The
    // mode conflicts with itself and with other writers only; followers' SELECTs never wait for it.
    lock: `LOCK TABLE ${revocations} IN SHARE ROW EXCLUSIVE MODE`,
    // $1 session id, $2 revokedAt, $3 expiresAt.
    append: `INSERT INTO ${revocations} (session_id, revoked_at, expires_at)
       VALUES ($1, $2, $3)
       RETURNING ${columns}`,
    // $1 after (a position, compared as an integer), $2 now, $3 limit. No index hint, unlike SQLite: with
    // the actual ends of the btree ranges PostgreSQL's planner takes the primary key for a follower's short
    // tail after its cursor (the common read), and the expiry index to read every live entry from scratch.
    list: `SELECT ${columns} FROM ${revocations}
       WHERE cursor > $1::bigint AND expires_at > $2
       ORDER BY cursor LIMIT $3`,
    deleteExpired: `DELETE FROM ${revocations} WHERE expires_at <= $1`,
  };
}

/**
 * The revocation-log part of the PostgreSQL store.
 *
 * @example
 * const revocations = createPostgresRevocationStore(connection);
 */
export function createPostgresRevocationStore({
  schema,
  query,
  withClient,
}: PostgresConnection): RevocationStore {
  const sql = buildRevocationQueries(schema);
  return {
    async appendRevocations(entries) {
      // Every entry is checked before the first is written.
      const rows = entries.map(revocationToValues);
      // Through withClient even when empty, so a closed store rejects as every other call does.
      return withClient('appendRevocations', async (client) => {
        if (rows.length === 0) return [];
        // All of a batch or none of it, so a follower never sees half of a logout-all.
        await client.query('BEGIN');
        try {
          await client.query(sql.lock);
          const appended = [];
          for (const values of rows) {
            const { rows: inserted } = await client.query<RevocationRow>(sql.append, values);
            if (inserted[0] === undefined) {
              throw new Error('appendRevocations: INSERT … RETURNING returned no row.');
            }
            appended.push(revocationFromRow(inserted[0]));
          }
          await client.query('COMMIT');
          return appended;
        } catch (error) {
          // Best effort: on a dead connection the server has rolled back already.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async listRevocations(afterCursor, now, limit) {
      checkListLimit(limit, 'listRevocations');
      const values = [
        parseRevocationCursor(afterCursor, 'listRevocations'),
        formatTimestamp(now, 'listRevocations: now'),
        limit,
      ];
      const { rows } = await query<RevocationRow>('listRevocations', sql.list, values);
      return rows.map(revocationFromRow);
    },

    async deleteExpiredRevocations(now) {
      const values = [formatTimestamp(now, 'deleteExpiredRevocations: now')];
      return (await query('deleteExpiredRevocations', sql.deleteExpired, values)).rowCount ?? 0;
    },
  };
}

function revocationToValues(entry: Omit<RevocationEntry, 'cursor'>): unknown[] {
  return [
    entry.sessionId,
    formatTimestamp(entry.revokedAt, 'appendRevocations: revokedAt'),
    formatTimestamp(entry.expiresAt, 'appendRevocations: expiresAt'),
  ];
}

function revocationFromRow(row: RevocationRow): RevocationEntry {
  return {
    cursor: formatRevocationCursor(row.cursor),
    sessionId: row.session_id,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}
