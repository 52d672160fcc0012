import type { SigningKeyStore } from '@tessera/core/store';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { formatTimestamp } from './format-timestamp.js';
import { signingKeyFromRow, signingKeyToValues } from './postgres-rows.js';
import type { SigningKeyRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The signing-key part of the PostgreSQL store.
 *
 * @example
 * const signingKeys = createPostgresSigningKeyStore(connection);
 */
export function createPostgresSigningKeyStore({ queries, query }: PostgresConnection): SigningKeyStore {
  return {
    async insertSigningKey(key) {
      // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
      const values = signingKeyToValues(key);
      await query('insertSigningKey', queries.insertSigningKey, values);
    },

    async listSigningKeys() {
      const { rows } = await query<SigningKeyRow>('listSigningKeys', queries.listSigningKeys, []);
      return rows.map(signingKeyFromRow);
    },

    async retireSigningKey(kid, retiredAt, expiresAt) {
      const values = [
        kid,
        formatTimestamp(retiredAt, 'retireSigningKey: retiredAt'),
        formatTimestamp(expiresAt, 'retireSigningKey: expiresAt'),
      ];
      await query('retireSigningKey', queries.retireSigningKey, values);
    },

    async updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
      await query('updateSigningKeyCiphertext', queries.updateSigningKeyCiphertext, [
        kid,
        privateJwkCiphertext,
      ]);
    },

    async deleteExpiredSigningKeys(now) {
      const values = [formatTimestamp(now, 'deleteExpiredSigningKeys: now')];
      return (
        (await query('deleteExpiredSigningKeys', queries.deleteExpiredSigningKeys, values)).rowCount ?? 0
      );
    },
  };
}
