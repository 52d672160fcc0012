import type {
  AuthenticationMethod,
  PendingLoginRecord,
  PendingLoginStore,
  SessionTransport,
} from '@tessera/core/store';
import pg from 'pg';
import { checkMaxFailures, checkPendingLogin } from '../lib/check-second-factor-arguments.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `pending_logins`. */
interface PendingLoginRow {
  id: string;
  secret_hash: string;
  user_id: string;
  transport: string;
  amr: AuthenticationMethod[];
  created_at: Date;
  expires_at: Date;
  failures: number;
}

const columns = 'id, secret_hash, user_id, transport, amr, created_at, expires_at, failures';

/**
 * The pending-login part of the PostgreSQL store (migration 4): shared by every instance.
 *
 * @example
 * const pendingLogins = createPostgresPendingLoginStore(connection);
 */
export function createPostgresPendingLoginStore({ schema, query }: PostgresConnection): PendingLoginStore {
  const table = `${pg.escapeIdentifier(schema)}.pending_logins`;
  return {
    async insertPendingLogin(login) {
      checkPendingLogin(login);
      await query(
        'insertPendingLogin',
        `INSERT INTO ${table} (${columns}) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
        [
          login.id,
          login.secretHash,
          login.userId,
          login.transport,
          JSON.stringify(login.amr),
          formatTimestamp(login.createdAt, 'insertPendingLogin: createdAt'),
          formatTimestamp(login.expiresAt, 'insertPendingLogin: expiresAt'),
          login.failures,
        ],
      );
    },

    async getPendingLogin(id) {
      const { rows } = await query<PendingLoginRow>(
        'getPendingLogin',
        `SELECT ${columns} FROM ${table} WHERE id = $1`,
        [id],
      );
      return rows[0] === undefined ? null : loginFromRow(rows[0]);
    },

    async recordPendingLoginFailure(id, maxFailures) {
      const bound = checkMaxFailures(maxFailures);
      // The count is one atomic UPDATE; the row is deleted once a failure reaches the bound (a
      // concurrent failure past it deletes it too, and core refuses a login at the bound meanwhile).
      const { rows } = await query<{ failures: number }>(
        'recordPendingLoginFailure',
        `UPDATE ${table} SET failures = failures + 1 WHERE id = $1 RETURNING failures::int AS failures`,
        [id],
      );
      const failures = rows[0]?.failures;
      if (failures === undefined) return null;
      if (failures >= bound) {
        await query('recordPendingLoginFailure', `DELETE FROM ${table} WHERE id = $1`, [id]);
      }
      return failures;
    },

    async deletePendingLogin(id) {
      return (await query('deletePendingLogin', `DELETE FROM ${table} WHERE id = $1`, [id])).rowCount === 1;
    },

    async deleteExpiredPendingLogins(now) {
      const result = await query(
        'deleteExpiredPendingLogins',
        `DELETE FROM ${table} WHERE expires_at <= $1`,
        [formatTimestamp(now, 'deleteExpiredPendingLogins: now')],
      );
      return result.rowCount ?? 0;
    },
  };
}

function loginFromRow(row: PendingLoginRow): PendingLoginRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    // CHECK constraints admit only the three transports and a JSON array.
    transport: row.transport as SessionTransport,
    amr: row.amr,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    failures: row.failures,
  };
}
