import type { PasskeyDeviceType, PasskeyRecord, PasskeyStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `passkeys`. */
interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  sign_count: number;
  transports: string;
  name: string;
  device_type: string;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

const columns =
  'id, user_id, credential_id, public_key, sign_count, transports, name, device_type, backed_up, created_at, ' +
  'last_used_at';

/**
 * The passkey part of the SQLite store. Its statements are prepared here, next to the only code that
 * runs them.
 *
 * @example
 * const passkeys = createSqlitePasskeyStore(connection);
 */
export function createSqlitePasskeyStore({ db, run }: SqliteConnection): PasskeyStore {
  const insert = db.prepare<PasskeyRow>(
    `INSERT INTO passkeys (${columns}) VALUES (@id, @user_id, @credential_id, @public_key, @sign_count,
       @transports, @name, @device_type, @backed_up, @created_at, @last_used_at)
     ON CONFLICT (credential_id) DO NOTHING`,
  );
  const getByCredentialId = db.prepare<[string], PasskeyRow>(
    `SELECT ${columns} FROM passkeys WHERE credential_id = ?`,
  );
  // The (user_id, created_at) index hands rows over in this order; the rowid breaks ties (insertion order).
  const listByUser = db.prepare<[string], PasskeyRow>(
    `SELECT ${columns} FROM passkeys WHERE user_id = ? ORDER BY created_at, rowid`,
  );
  // The compare-and-set of a use: one statement, under SQLite's write lock.
  const recordUse = db.prepare<{ id: string; signCount: number; backedUp: number; usedAt: number }>(
    `UPDATE passkeys SET sign_count = @signCount, backed_up = @backedUp, last_used_at = @usedAt
     WHERE id = @id AND (sign_count < @signCount OR (sign_count = 0 AND @signCount = 0))`,
  );
  const rename = db.prepare<{ userId: string; id: string; name: string }, PasskeyRow>(
    `UPDATE passkeys SET name = @name WHERE id = @id AND user_id = @userId RETURNING ${columns}`,
  );
  const remove = db.prepare<{ userId: string; id: string }>(
    'DELETE FROM passkeys WHERE id = @id AND user_id = @userId',
  );

  return {
    insertPasskey(passkey) {
      return run('insertPasskey', () => insert.run(passkeyToRow(passkey)).changes === 1);
    },

    getPasskeyByCredentialId(credentialId) {
      return run('getPasskeyByCredentialId', () => {
        const row = getByCredentialId.get(credentialId);
        return row === undefined ? null : passkeyFromRow(row);
      });
    },

    listUserPasskeys(userId) {
      return run('listUserPasskeys', () => listByUser.all(userId).map(passkeyFromRow));
    },

    recordPasskeyUse(passkeyId, use) {
      return run('recordPasskeyUse', () => {
        const usedAt = checkDate(use.usedAt, 'recordPasskeyUse: usedAt');
        const params = { id: passkeyId, signCount: use.signCount, backedUp: use.backedUp ? 1 : 0, usedAt };
        return recordUse.run(params).changes === 1;
      });
    },

    renameUserPasskey(userId, passkeyId, name) {
      return run('renameUserPasskey', () => {
        const row = rename.get({ userId, id: passkeyId, name });
        return row === undefined ? null : passkeyFromRow(row);
      });
    },

    deleteUserPasskey(userId, passkeyId) {
      return run('deleteUserPasskey', () => remove.run({ userId, id: passkeyId }).changes === 1);
    },
  };
}

function passkeyToRow(passkey: PasskeyRecord): PasskeyRow {
  return {
    id: passkey.id,
    user_id: passkey.userId,
    credential_id: passkey.credentialId,
    public_key: passkey.publicKey,
    sign_count: passkey.signCount,
    transports: JSON.stringify(passkey.transports),
    name: passkey.name,
    device_type: passkey.deviceType,
    backed_up: passkey.backedUp ? 1 : 0,
    created_at: checkDate(passkey.createdAt, 'insertPasskey: createdAt'),
    last_used_at:
      passkey.lastUsedAt === null ? null : checkDate(passkey.lastUsedAt, 'insertPasskey: lastUsedAt'),
  };
}

function passkeyFromRow(row: PasskeyRow): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    signCount: row.sign_count,
    transports: JSON.parse(row.transports) as string[],
    name: row.name,
    deviceType: row.device_type as PasskeyDeviceType,
    backedUp: row.backed_up === 1,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}
