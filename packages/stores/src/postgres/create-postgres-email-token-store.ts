import pg from 'pg';
import type { EmailTokenPurpose, EmailTokenRecord, EmailTokenStore } from '@tessera/core/store';
import { checkEmailToken, checkEmailTokenPurpose } from '../lib/check-email-token.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `email_tokens`, as the driver returns it. */
interface EmailTokenRow {
  id: string;
  secret_hash: string;
  purpose: string;
  user_id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
}

const columns = 'id, secret_hash, purpose, user_id, email, created_at, expires_at';

/**
 * The email-token part of the PostgreSQL store. Its SQL is written here for the store's schema.
 *
 * @example
 * const emailTokens = createPostgresEmailTokenStore(connection);
 */
export function createPostgresEmailTokenStore({ schema, query }: PostgresConnection): EmailTokenStore {
  const emailTokens = `${pg.escapeIdentifier(schema)}.email_tokens`;
  const sql = {
    insert: `INSERT INTO ${emailTokens} (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    // $1 id, $2 now.
    get: `SELECT ${columns} FROM ${emailTokens} WHERE id = $1 AND expires_at > $2`,
    // $1 id, $2 secret hash, $3 now. One DELETE: of two concurrent takes, one gets the row.
    take: `DELETE FROM ${emailTokens} WHERE id = $1 AND secret_hash = $2 AND expires_at > $3
       RETURNING ${columns}`,
    // $1 user id, $2 purpose, $3 the id to keep or NULL.
    deleteOfUser: `DELETE FROM ${emailTokens}
       WHERE user_id = $1 AND purpose = $2 AND ($3::text IS NULL OR id <> $3::text)`,
    deleteExpired: `DELETE FROM ${emailTokens} WHERE expires_at <= $1`,
  };

  return {
    async insertEmailToken(token) {
      checkEmailToken(token);
      await query('insertEmailToken', sql.insert, [
        token.id,
        token.secretHash,
        token.purpose,
        token.userId,
        token.email,
        formatTimestamp(token.createdAt, 'insertEmailToken: createdAt'),
        formatTimestamp(token.expiresAt, 'insertEmailToken: expiresAt'),
      ]);
    },

    async getEmailToken(id, now) {
      const values = [id, formatTimestamp(now, 'getEmailToken: now')];
      const { rows } = await query<EmailTokenRow>('getEmailToken', sql.get, values);
      return rows[0] === undefined ? null : tokenFromRow(rows[0]);
    },

    async takeEmailToken(id, secretHash, now) {
      const values = [id, secretHash, formatTimestamp(now, 'takeEmailToken: now')];
      const { rows } = await query<EmailTokenRow>('takeEmailToken', sql.take, values);
      return rows[0] === undefined ? null : tokenFromRow(rows[0]);
    },

    async deleteUserEmailTokens(userId, purpose, exceptId) {
      checkEmailTokenPurpose(purpose, 'deleteUserEmailTokens');
      const values = [userId, purpose, exceptId];
      return (await query('deleteUserEmailTokens', sql.deleteOfUser, values)).rowCount ?? 0;
    },

    async deleteExpiredEmailTokens(now) {
      const values = [formatTimestamp(now, 'deleteExpiredEmailTokens: now')];
      return (await query('deleteExpiredEmailTokens', sql.deleteExpired, values)).rowCount ?? 0;
    },
  };
}

function tokenFromRow(row: EmailTokenRow): EmailTokenRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    // The CHECK constraint on the column admits only the three purposes.
    purpose: row.purpose as EmailTokenPurpose,
    userId: row.user_id,
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
