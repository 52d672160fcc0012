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

/**
 * The provider-identity part of the PostgreSQL store (DESIGN §8).
 *
 * @example
 * const identities = createPostgresIdentityStore(connection);
 */
export function createPostgresIdentityStore({ queries, query }: PostgresConnection): IdentityStore {
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
      return (await query('insertIdentity', queries.insertIdentity, values)).rowCount === 1;
    },

    async getIdentity(provider, subject) {
      const { rows } = await query<IdentityRow>('getIdentity', queries.getIdentity, [provider, subject]);
      return rows[0] === undefined ? null : identityFromRow(rows[0]);
    },

    async listUserIdentities(userId) {
      const { rows } = await query<IdentityRow>('listUserIdentities', queries.listUserIdentities, [userId]);
      return rows.map(identityFromRow);
    },

    async deleteIdentity(userId, provider) {
      return (await query('deleteIdentity', queries.deleteIdentity, [userId, provider])).rowCount === 1;
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
