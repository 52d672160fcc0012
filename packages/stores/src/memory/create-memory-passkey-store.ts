import type { PasskeyRecord, PasskeyStore } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The passkey part of the memory store. `userExists` stands in for the foreign key of the SQL stores: a
 * passkey of a user that is not there is refused the same way.
 *
 * @example
 * const passkeys = createMemoryPasskeyStore(gate, (userId) => users.has(userId));
 */
export function createMemoryPasskeyStore(
  gate: MemoryGate,
  userExists: (userId: string) => boolean,
): PasskeyStore {
  // By Tessera's id, in insertion order (the order `listUserPasskeys` keeps for equal createdAt).
  const passkeys = new Map<string, PasskeyRecord>();
  const { run } = gate;
  gate.onClose(() => {
    passkeys.clear();
  });

  function findByCredentialId(credentialId: string): PasskeyRecord | undefined {
    for (const passkey of passkeys.values()) if (passkey.credentialId === credentialId) return passkey;
    return undefined;
  }

  function findOwn(userId: string, passkeyId: string): PasskeyRecord | undefined {
    const passkey = passkeys.get(passkeyId);
    return passkey !== undefined && passkey.userId === userId ? passkey : undefined;
  }

  return {
    insertPasskey(passkey) {
      return run(() => {
        if (!userExists(passkey.userId)) throw new Error('insertPasskey: no such user (foreign key).');
        if (passkeys.has(passkey.id)) throw new Error('insertPasskey: duplicate id.');
        if (findByCredentialId(passkey.credentialId) !== undefined) return false;
        passkeys.set(passkey.id, copyPasskey(passkey));
        return true;
      });
    },

    getPasskeyByCredentialId(credentialId) {
      return run(() => {
        const passkey = findByCredentialId(credentialId);
        return passkey === undefined ? null : copyPasskey(passkey);
      });
    },

    listUserPasskeys(userId) {
      return run(() =>
        [...passkeys.values()]
          .filter((passkey) => passkey.userId === userId)
          // Stable sort: equal instants keep insertion order.
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map(copyPasskey),
      );
    },

    recordPasskeyUse(passkeyId, use) {
      return run(() => {
        const usedAt = checkDate(use.usedAt, 'recordPasskeyUse: usedAt');
        const passkey = passkeys.get(passkeyId);
        if (passkey === undefined) return false;
        const movesForward =
          use.signCount > passkey.signCount || (use.signCount === 0 && passkey.signCount === 0);
        if (!movesForward) return false;
        passkey.signCount = use.signCount;
        passkey.backedUp = use.backedUp;
        passkey.lastUsedAt = new Date(usedAt);
        return true;
      });
    },

    renameUserPasskey(userId, passkeyId, name) {
      return run(() => {
        const passkey = findOwn(userId, passkeyId);
        if (passkey === undefined) return null;
        passkey.name = name;
        return copyPasskey(passkey);
      });
    },

    deleteUserPasskey(userId, passkeyId) {
      return run(() => findOwn(userId, passkeyId) !== undefined && passkeys.delete(passkeyId));
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copyPasskey(passkey: PasskeyRecord): PasskeyRecord {
  return {
    ...passkey,
    transports: [...passkey.transports],
    createdAt: new Date(passkey.createdAt.getTime()),
    lastUsedAt: passkey.lastUsedAt === null ? null : new Date(passkey.lastUsedAt.getTime()),
  };
}
