import pg from 'pg';
import type { SigningAlgorithm, SigningKeyRecord, SigningKeyStore } from '@tessera/core/store';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `signing_keys` as selected below (`public_jwk` as text, `timestamptz` as `Date`). */
interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: string | null;
  private_jwk_ciphertext: string;
  created_at: Date;
  activates_at: Date;
  retired_at: Date | null;
  expires_at: Date | null;
}

const columns =
  'kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, expires_at';
// json is selected as text, the exact string that was stored (the driver would parse it).
const selectColumns =
  'kid, alg, public_jwk::text AS public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, ' +
  'expires_at';

/**
 * The signing-key part of the PostgreSQL store. Its SQL is written here for the store's schema.
 *
 * @example
 * const signingKeys = createPostgresSigningKeyStore(connection);
 */
export function createPostgresSigningKeyStore({ schema, query }: PostgresConnection): SigningKeyStore {
  const signingKeys = `${pg.escapeIdentifier(schema)}.signing_keys`;
  const sql = {
    insert: `INSERT INTO ${signingKeys} (${columns})
       VALUES ($1, $2, $3::json, $4, $5, $6, $7, $8)`,
    // seq breaks ties between keys created in the same millisecond: insertion order.
    list: `SELECT ${selectColumns} FROM ${signingKeys} ORDER BY created_at, seq`,
    // $1 kid, $2 retiredAt, $3 expiresAt.
    retire: `UPDATE ${signingKeys} SET retired_at = $2, expires_at = $3 WHERE kid = $1`,
    // $1 kid, $2 ciphertext.
    updateCiphertext: `UPDATE ${signingKeys} SET private_jwk_ciphertext = $2 WHERE kid = $1`,
    // A NULL expires_at (a current key) is never <= anything: current keys are never swept.
    deleteExpired: `DELETE FROM ${signingKeys} WHERE expires_at <= $1`,
  };

  return {
    async insertSigningKey(key) {
      // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
      const values = signingKeyToValues(key);
      await query('insertSigningKey', sql.insert, values);
    },

    async listSigningKeys() {
      const { rows } = await query<SigningKeyRow>('listSigningKeys', sql.list, []);
      return rows.map(signingKeyFromRow);
    },

    async retireSigningKey(kid, retiredAt, expiresAt) {
      const values = [
        kid,
        formatTimestamp(retiredAt, 'retireSigningKey: retiredAt'),
        formatTimestamp(expiresAt, 'retireSigningKey: expiresAt'),
      ];
      await query('retireSigningKey', sql.retire, values);
    },

    async updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
      await query('updateSigningKeyCiphertext', sql.updateCiphertext, [kid, privateJwkCiphertext]);
    },

    async deleteExpiredSigningKeys(now) {
      const values = [formatTimestamp(now, 'deleteExpiredSigningKeys: now')];
      return (await query('deleteExpiredSigningKeys', sql.deleteExpired, values)).rowCount ?? 0;
    },
  };
}

// Bound values in `columns` order; throws `TypeError` for an invalid key (see `checkSigningKey`).
function signingKeyToValues(key: SigningKeyRecord): unknown[] {
  checkSigningKey(key, 'insertSigningKey');
  return [
    key.kid,
    key.alg,
    key.publicJwk,
    key.privateJwkCiphertext,
    formatTimestamp(key.createdAt, 'insertSigningKey: createdAt'),
    formatTimestamp(key.activatesAt, 'insertSigningKey: activatesAt'),
    key.retiredAt === null ? null : formatTimestamp(key.retiredAt, 'insertSigningKey: retiredAt'),
    key.expiresAt === null ? null : formatTimestamp(key.expiresAt, 'insertSigningKey: expiresAt'),
  ];
}

function signingKeyFromRow(row: SigningKeyRow): SigningKeyRecord {
  return {
    kid: row.kid,
    // The CHECK constraint on the column admits only the four algorithms.
    alg: row.alg as SigningAlgorithm,
    publicJwk: row.public_jwk,
    privateJwkCiphertext: row.private_jwk_ciphertext,
    createdAt: row.created_at,
    activatesAt: row.activates_at,
    retiredAt: row.retired_at,
    expiresAt: row.expires_at,
  };
}
