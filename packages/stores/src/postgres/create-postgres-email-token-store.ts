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

/**
 * The email-token part of the PostgreSQL store.
 *
 * @example
 * const emailTokens = createPostgresEmailTokenStore(connection);
 */
export function createPostgresEmailTokenStore({ queries, query }: PostgresConnection): EmailTokenStore {
  return {
    async insertEmailToken(token) {
      checkEmailToken(token);
      await query('insertEmailToken', queries.insertEmailToken, [
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
      const { rows } = await query<EmailTokenRow>('getEmailToken', queries.getEmailToken, values);
      return rows[0] === undefined ? null : tokenFromRow(rows[0]);
    },

    async takeEmailToken(id, secretHash, now) {
      const values = [id, secretHash, formatTimestamp(now, 'takeEmailToken: now')];
      const { rows } = await query<EmailTokenRow>('takeEmailToken', queries.takeEmailToken, values);
      return rows[0] === undefined ? null : tokenFromRow(rows[0]);
    },

    async deleteUserEmailTokens(userId, purpose, exceptId) {
      checkEmailTokenPurpose(purpose, 'deleteUserEmailTokens');
      const values = [userId, purpose, exceptId];
      return (await query('deleteUserEmailTokens', queries.deleteUserEmailTokens, values)).rowCount ?? 0;
    },

    async deleteExpiredEmailTokens(now) {
      const values = [formatTimestamp(now, 'deleteExpiredEmailTokens: now')];
      return (
        (await query('deleteExpiredEmailTokens', queries.deleteExpiredEmailTokens, values)).rowCount ?? 0
      );
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
