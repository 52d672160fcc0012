import type { SigningAlgorithm, SigningKeyRecord, SigningKeyStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `signing_keys`. Instants are INTEGER milliseconds (see migrations.ts). */
interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: string | null;
  private_jwk_ciphertext: string;
  created_at: number;
  activates_at: number;
  retired_at: number | null;
  expires_at: number | null;
}

const columns =
  'kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at, retired_at, expires_at';

/**
 * The signing-key part of the SQLite store. Its statements are prepared here, next to the only code
 * that runs them, when the store opens.
 *
 * @example
 * const signingKeys = createSqliteSigningKeyStore(connection);
 */
export function createSqliteSigningKeyStore({ db, run }: SqliteConnection): SigningKeyStore {
  const statements = {
    insert: db.prepare<SigningKeyRow>(
      `INSERT INTO signing_keys (${columns})
       VALUES (@kid, @alg, @public_jwk, @private_jwk_ciphertext, @created_at, @activates_at,
               @retired_at, @expires_at)`,
    ),
    // rowid breaks ties between keys created in the same millisecond: insertion order.
    list: db.prepare<[], SigningKeyRow>(`SELECT ${columns} FROM signing_keys ORDER BY created_at, rowid`),
    retire: db.prepare<{ kid: string; retiredAt: number; expiresAt: number }>(
      'UPDATE signing_keys SET retired_at = @retiredAt, expires_at = @expiresAt WHERE kid = @kid',
    ),
    updateCiphertext: db.prepare<{ kid: string; privateJwkCiphertext: string }>(
      'UPDATE signing_keys SET private_jwk_ciphertext = @privateJwkCiphertext WHERE kid = @kid',
    ),
    // A NULL expires_at (a current key) is never <= anything: current keys are never swept.
    deleteExpired: db.prepare<[number]>('DELETE FROM signing_keys WHERE expires_at <= ?'),
  };

  return {
    insertSigningKey(key) {
      return run('insertSigningKey', () => {
        // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
        statements.insert.run(signingKeyToRow(key));
      });
    },

    listSigningKeys() {
      return run('listSigningKeys', () => statements.list.all().map(signingKeyFromRow));
    },

    retireSigningKey(kid, retiredAt, expiresAt) {
      return run('retireSigningKey', () => {
        statements.retire.run({
          kid,
          retiredAt: checkDate(retiredAt, 'retireSigningKey: retiredAt'),
          expiresAt: checkDate(expiresAt, 'retireSigningKey: expiresAt'),
        });
      });
    },

    updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      return run('updateSigningKeyCiphertext', () => {
        checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
        statements.updateCiphertext.run({ kid, privateJwkCiphertext });
      });
    },

    deleteExpiredSigningKeys(now) {
      return run(
        'deleteExpiredSigningKeys',
        () => statements.deleteExpired.run(checkDate(now, 'deleteExpiredSigningKeys: now')).changes,
      );
    },
  };
}

// Throws `TypeError` for an invalid key (see `checkSigningKey`).
function signingKeyToRow(key: SigningKeyRecord): SigningKeyRow {
  const millis = checkSigningKey(key, 'insertSigningKey');
  return {
    kid: key.kid,
    alg: key.alg,
    public_jwk: key.publicJwk,
    private_jwk_ciphertext: key.privateJwkCiphertext,
    created_at: millis.createdAtMillis,
    activates_at: millis.activatesAtMillis,
    retired_at: millis.retiredAtMillis,
    expires_at: millis.expiresAtMillis,
  };
}

function signingKeyFromRow(row: SigningKeyRow): SigningKeyRecord {
  return {
    kid: row.kid,
    // The CHECK constraint on the column admits only the four algorithms.
    alg: row.alg as SigningAlgorithm,
    publicJwk: row.public_jwk,
    privateJwkCiphertext: row.private_jwk_ciphertext,
    createdAt: new Date(row.created_at),
    activatesAt: new Date(row.activates_at),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  };
}
