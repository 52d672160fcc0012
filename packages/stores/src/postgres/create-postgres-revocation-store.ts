import type { RevocationStore } from '@tessera/core/store';
import { checkListLimit } from '../lib/check-list-limit.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { formatTimestamp } from './format-timestamp.js';
import { revocationFromRow, revocationToValues } from './postgres-rows.js';
import type { RevocationRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The revocation-log part of the PostgreSQL store.
 *
 * @example
 * const revocations = createPostgresRevocationStore(connection);
 */
export function createPostgresRevocationStore({
  queries,
  query,
  withClient,
}: PostgresConnection): RevocationStore {
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
          await client.query(queries.lockRevocations);
          const appended = [];
          for (const values of rows) {
            const { rows: inserted } = await client.query<RevocationRow>(queries.appendRevocation, values);
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
      const { rows } = await query<RevocationRow>('listRevocations', queries.listRevocations, values);
      return rows.map(revocationFromRow);
    },

    async deleteExpiredRevocations(now) {
      const values = [formatTimestamp(now, 'deleteExpiredRevocations: now')];
      return (
        (await query('deleteExpiredRevocations', queries.deleteExpiredRevocations, values)).rowCount ?? 0
      );
    },
  };
}
