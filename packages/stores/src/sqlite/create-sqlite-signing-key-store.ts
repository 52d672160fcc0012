import type { SigningKeyStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { signingKeyFromRow, signingKeyToRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The signing-key part of the SQLite store.
 *
 * @example
 * const signingKeys = createSqliteSigningKeyStore(connection);
 */
export function createSqliteSigningKeyStore({ statements, run }: SqliteConnection): SigningKeyStore {
  return {
    insertSigningKey(key) {
      return run('insertSigningKey', () => {
        // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
        statements.insertSigningKey.run(signingKeyToRow(key));
      });
    },

    listSigningKeys() {
      return run('listSigningKeys', () => statements.listSigningKeys.all().map(signingKeyFromRow));
    },

    retireSigningKey(kid, retiredAt, expiresAt) {
      return run('retireSigningKey', () => {
        statements.retireSigningKey.run({
          kid,
          retiredAt: checkDate(retiredAt, 'retireSigningKey: retiredAt'),
          expiresAt: checkDate(expiresAt, 'retireSigningKey: expiresAt'),
        });
      });
    },

    updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      return run('updateSigningKeyCiphertext', () => {
        checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
        statements.updateSigningKeyCiphertext.run({ kid, privateJwkCiphertext });
      });
    },

    deleteExpiredSigningKeys(now) {
      return run(
        'deleteExpiredSigningKeys',
        () =>
          statements.deleteExpiredSigningKeys.run(checkDate(now, 'deleteExpiredSigningKeys: now')).changes,
      );
    },
  };
}
