import type { IdentityRecord, IdentityStore, UserRecord } from '@tessera/core/store';
import { checkDate } from '../lib/check-date.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The provider-identity part of the memory store. `users` is the user part's map: an identity of an
 * unknown user is refused, as the SQL stores' FOREIGN KEY does.
 *
 * @example
 * const identities = createMemoryIdentityStore(createMemoryGate(), new Map());
 */
export function createMemoryIdentityStore(
  gate: MemoryGate,
  users: ReadonlyMap<string, UserRecord>,
): IdentityStore {
  // Keyed by provider and subject joined with NUL (which neither can hold in a configured id or a JWT string we keep).
  const identities = new Map<string, IdentityRecord>();
  const key = (provider: string, subject: string) => `${provider}\u0000${subject}`;
  const { run } = gate;
  gate.onClose(() => identities.clear());

  return {
    insertIdentity(identity) {
      return run(() => {
        checkDate(identity.linkedAt, 'insertIdentity: linkedAt');
        if (!users.has(identity.userId)) throw new Error('insertIdentity: no user with this id.');
        if (identities.has(key(identity.provider, identity.subject))) return false;
        for (const stored of identities.values()) {
          if (stored.userId === identity.userId && stored.provider === identity.provider) return false;
        }
        identities.set(key(identity.provider, identity.subject), copyIdentity(identity));
        return true;
      });
    },

    getIdentity(provider, subject) {
      return run(() => {
        const stored = identities.get(key(provider, subject));
        return stored === undefined ? null : copyIdentity(stored);
      });
    },

    listUserIdentities(userId) {
      return run(() =>
        [...identities.values()]
          .filter((identity) => identity.userId === userId)
          .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0))
          .map(copyIdentity),
      );
    },

    deleteIdentity(userId, provider) {
      return run(() => {
        for (const [storedKey, stored] of identities) {
          if (stored.userId === userId && stored.provider === provider) {
            identities.delete(storedKey);
            return true;
          }
        }
        return false;
      });
    },
  };
}

function copyIdentity(identity: IdentityRecord): IdentityRecord {
  return { ...identity, linkedAt: new Date(identity.linkedAt.getTime()) };
}
