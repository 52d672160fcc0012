import pg from 'pg';
import type { IdentityRecord, IdentityStore } from '@tessera/core/store';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

interface IdentityRow {
  provider: string;
  subject: string;
  user_id: string;
  email: string;
  email_verified: boolean;
  linked_at: Date;
}

const columns = 'provider, subject, user_id, email, email_verified, linked_at';

/**
 * The provider-identity part of the PostgreSQL store (DESIGN §8). Its SQL is written here for the
 * store's schema.
 *
 * @example
 * const identities = createPostgresIdentityStore(connection);
 */
export function createPostgresIdentityStore({ schema, query }: PostgresConnection): IdentityStore {
  const identities = `${pg.escapeIdentifier(schema)}.identities`;
  const sql = {
    // ON CONFLICT DO NOTHING covers both unique keys (provider, subject) and (user_id, provider).
    insert: `INSERT INTO ${identities} (${columns}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
    get: `SELECT ${columns} FROM ${identities} WHERE provider = $1 AND subject = $2`,
    // COLLATE "C": byte order, as SQLite and the memory store sort.
    listOfUser: `SELECT ${columns} FROM ${identities} WHERE user_id = $1
       ORDER BY provider COLLATE "C"`,
    delete: `DELETE FROM ${identities} WHERE user_id = $1 AND provider = $2`,
  };

  return {
    async insertIdentity(identity) {
      const values = [
        identity.provider,
        identity.subject,
        identity.userId,
        identity.email,
        identity.emailVerified,
        formatTimestamp(identity.linkedAt, 'insertIdentity: linkedAt'),
      ];
      // ON CONFLICT DO NOTHING covers both unique keys; an unknown user still fails the FOREIGN KEY.
      return (await query('insertIdentity', sql.insert, values)).rowCount === 1;
    },

    async getIdentity(provider, subject) {
      const { rows } = await query<IdentityRow>('getIdentity', sql.get, [provider, subject]);
      return rows[0] === undefined ? null : identityFromRow(rows[0]);
    },

    async listUserIdentities(userId) {
      const { rows } = await query<IdentityRow>('listUserIdentities', sql.listOfUser, [userId]);
      return rows.map(identityFromRow);
    },

    async deleteIdentity(userId, provider) {
      return (await query('deleteIdentity', sql.delete, [userId, provider])).rowCount === 1;
    },
  };
}

function identityFromRow(row: IdentityRow): IdentityRecord {
  return {
    provider: row.provider,
    subject: row.subject,
    userId: row.user_id,
    email: row.email,
    emailVerified: row.email_verified,
    linkedAt: row.linked_at,
  };
}
