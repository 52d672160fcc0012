import type { SigningKeyRecord, SigningKeyStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The signing-key part of the memory store.
 *
 * @example
 * const signingKeys = createMemorySigningKeyStore(createMemoryGate());
 */
export function createMemorySigningKeyStore(gate: MemoryGate): SigningKeyStore {
  // A Map keeps insertion order: the tie-break for keys created in the same millisecond, like SQLite's rowid.
  const signingKeys = new Map<string, SigningKeyRecord>();
  const { run } = gate;
  gate.onClose(() => {
    signingKeys.clear();
  });

  return {
    insertSigningKey(key) {
      return run(() => {
        checkSigningKey(key, 'insertSigningKey');
        if (signingKeys.has(key.kid))
          throw new Error('insertSigningKey: a signing key with this kid already exists.');
        signingKeys.set(key.kid, copySigningKey(key));
      });
    },

    listSigningKeys() {
      return run(() => {
        const keys = [...signingKeys.values()];
        // Stable: keys created in the same millisecond keep insertion order.
        keys.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        return keys.map(copySigningKey);
      });
    },

    retireSigningKey(kid, retiredAt, expiresAt) {
      return run(() => {
        const retiredAtMillis = checkDate(retiredAt, 'retireSigningKey: retiredAt');
        const expiresAtMillis = checkDate(expiresAt, 'retireSigningKey: expiresAt');
        const key = signingKeys.get(kid);
        if (key === undefined) return;
        key.retiredAt = new Date(retiredAtMillis);
        key.expiresAt = new Date(expiresAtMillis);
      });
    },

    updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      return run(() => {
        checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
        const key = signingKeys.get(kid);
        if (key !== undefined) key.privateJwkCiphertext = privateJwkCiphertext;
      });
    },

    deleteExpiredSigningKeys(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredSigningKeys: now');
        let count = 0;
        for (const [kid, key] of signingKeys) {
          // A current key (expiresAt null) never expires.
          if (key.expiresAt !== null && key.expiresAt.getTime() <= nowMillis) {
            signingKeys.delete(kid);
            count += 1;
          }
        }
        return count;
      });
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copySigningKey(key: SigningKeyRecord): SigningKeyRecord {
  return {
    kid: key.kid,
    alg: key.alg,
    publicJwk: key.publicJwk,
    privateJwkCiphertext: key.privateJwkCiphertext,
    createdAt: new Date(key.createdAt.getTime()),
    activatesAt: new Date(key.activatesAt.getTime()),
    retiredAt: key.retiredAt === null ? null : new Date(key.retiredAt.getTime()),
    expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt.getTime()),
  };
}
