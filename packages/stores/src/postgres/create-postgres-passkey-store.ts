import type { PasskeyDeviceType, PasskeyRecord, PasskeyStore } from '@tessera/core/store';
import pg from 'pg';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `passkeys` as the driver returns it. */
interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  sign_count: number;
  transports: string[];
  name: string;
  device_type: string;
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

const columns =
  'id, user_id, credential_id, public_key, sign_count, transports, name, device_type, backed_up, created_at, ' +
  'last_used_at';

/**
 * The passkey part of the PostgreSQL store (passkeys shared by every instance on the database). Its SQL
 * is built here for the store's `schema`, next to the only code that runs it.
 *
 * @example
 * const passkeys = createPostgresPasskeyStore(connection);
 */
export function createPostgresPasskeyStore({ schema, query }: PostgresConnection): PasskeyStore {
  const passkeys = `${pg.escapeIdentifier(schema)}.passkeys`;
  const sql = {
    insert: `INSERT INTO ${passkeys} (${columns}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)
       ON CONFLICT (credential_id) DO NOTHING`,
    getByCredentialId: `SELECT ${columns} FROM ${passkeys} WHERE credential_id = $1`,
    listByUser: `SELECT ${columns} FROM ${passkeys} WHERE user_id = $1 ORDER BY created_at, seq`,
    // The compare-and-set of a use: under READ COMMITTED a second UPDATE of the same row waits for the
    // first to commit, then re-checks the WHERE against the new counter. $1 id, $2 count, $3 backed up, $4 at.
    recordUse: `UPDATE ${passkeys} SET sign_count = $2, backed_up = $3, last_used_at = $4
       WHERE id = $1 AND (sign_count < $2 OR (sign_count = 0 AND $2 = 0))`,
    rename: `UPDATE ${passkeys} SET name = $3 WHERE id = $2 AND user_id = $1 RETURNING ${columns}`,
    remove: `DELETE FROM ${passkeys} WHERE id = $2 AND user_id = $1`,
  };

  return {
    async insertPasskey(passkey) {
      const values = [
        passkey.id,
        passkey.userId,
        passkey.credentialId,
        passkey.publicKey,
        passkey.signCount,
        JSON.stringify(passkey.transports),
        passkey.name,
        passkey.deviceType,
        passkey.backedUp,
        formatTimestamp(passkey.createdAt, 'insertPasskey: createdAt'),
        passkey.lastUsedAt === null ? null : formatTimestamp(passkey.lastUsedAt, 'insertPasskey: lastUsedAt'),
      ];
      return (await query('insertPasskey', sql.insert, values)).rowCount === 1;
    },

    async getPasskeyByCredentialId(credentialId) {
      const { rows } = await query<PasskeyRow>('getPasskeyByCredentialId', sql.getByCredentialId, [
        credentialId,
      ]);
      return rows[0] === undefined ? null : passkeyFromRow(rows[0]);
    },

    async listUserPasskeys(userId) {
      const { rows } = await query<PasskeyRow>('listUserPasskeys', sql.listByUser, [userId]);
      return rows.map(passkeyFromRow);
    },

    async recordPasskeyUse(passkeyId, use) {
      const usedAt = formatTimestamp(use.usedAt, 'recordPasskeyUse: usedAt');
      const values = [passkeyId, use.signCount, use.backedUp, usedAt];
      return (await query('recordPasskeyUse', sql.recordUse, values)).rowCount === 1;
    },

    async renameUserPasskey(userId, passkeyId, name) {
      const { rows } = await query<PasskeyRow>('renameUserPasskey', sql.rename, [userId, passkeyId, name]);
      return rows[0] === undefined ? null : passkeyFromRow(rows[0]);
    },

    async deleteUserPasskey(userId, passkeyId) {
      return (await query('deleteUserPasskey', sql.remove, [userId, passkeyId])).rowCount === 1;
    },
  };
}

function passkeyFromRow(row: PasskeyRow): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    signCount: row.sign_count,
    transports: row.transports,
    name: row.name,
    deviceType: row.device_type as PasskeyDeviceType,
    backedUp: row.backed_up,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
