import type { PasskeyRecord, TesseraStore } from '@tessera/core/store';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeUser, T0, uniqueId } from './fixtures.js';

/** A valid passkey of `userId` with unique ids; `overrides` replace fields. */
function makePasskey(userId: string, overrides: Partial<PasskeyRecord> = {}): PasskeyRecord {
  return {
    id: uniqueId('passkey'),
    userId,
    credentialId: randomBytes(32).toString('base64url'),
    publicKey: randomBytes(77).toString('base64url'),
    signCount: 0,
    transports: ['internal', 'hybrid'],
    name: 'Laptop',
    deviceType: 'multiDevice',
    backedUp: true,
    createdAt: addSeconds(T0, 0),
    lastUsedAt: null,
    ...overrides,
  };
}

async function insertUserWithPasskey(
  store: TesseraStore,
  overrides: Partial<PasskeyRecord> = {},
): Promise<PasskeyRecord> {
  const user = makeUser();
  assert.equal(await store.insertUser(user), true);
  const passkey = makePasskey(user.id, overrides);
  assert.equal(await store.insertPasskey(passkey), true);
  return passkey;
}

/**
 * Conformance cases for `PasskeyStore`. Time only moves through the arguments, never the wall clock.
 *
 * @example
 * for (const c of passkeyCases) it(c.name, () => c.run(store));
 */
export const passkeyCases: readonly ConformanceCase[] = [
  {
    name: 'passkeys: a stored passkey reads back field for field by its credential id',
    async run(store) {
      const passkey = await insertUserWithPasskey(store, {
        signCount: 4_294_967_295,
        transports: [],
        name: 'Clé « USB » ✓',
        deviceType: 'singleDevice',
        backedUp: false,
        lastUsedAt: addSeconds(T0, 0.123),
      });
      assert.deepEqual(await store.getPasskeyByCredentialId(passkey.credentialId), passkey);
      assert.equal(await store.getPasskeyByCredentialId(randomBytes(32).toString('base64url')), null);
    },
  },
  {
    name: 'passkeys: a credential id registered once is refused a second time, for any user',
    async run(store) {
      const first = await insertUserWithPasskey(store);
      const other = makeUser();
      await store.insertUser(other);
      const copy = makePasskey(other.id, { credentialId: first.credentialId, name: 'Copy' });
      assert.equal(await store.insertPasskey(copy), false);
      assert.deepEqual(await store.getPasskeyByCredentialId(first.credentialId), first);
      assert.deepEqual(await store.listUserPasskeys(other.id), []);
    },
  },
  {
    name: "passkeys: listUserPasskeys holds the user's own only, oldest first, ties in insertion order",
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const later = makePasskey(user.id, { createdAt: addSeconds(T0, 60), name: 'later' });
      const tieA = makePasskey(user.id, { name: 'tie a' });
      const tieB = makePasskey(user.id, { name: 'tie b' });
      for (const passkey of [later, tieA, tieB]) assert.equal(await store.insertPasskey(passkey), true);
      await insertUserWithPasskey(store);
      assert.deepEqual(await store.listUserPasskeys(user.id), [tieA, tieB, later]);
      assert.deepEqual(await store.listUserPasskeys(uniqueId('user')), []);
    },
  },
  {
    name: 'passkeys: a use moves the counter forward, and a counter that did not move is refused',
    async run(store) {
      const passkey = await insertUserWithPasskey(store, { signCount: 5, backedUp: false });
      const at = addSeconds(T0, 10);
      assert.equal(
        await store.recordPasskeyUse(passkey.id, { signCount: 5, backedUp: true, usedAt: at }),
        false,
      );
      assert.equal(
        await store.recordPasskeyUse(passkey.id, { signCount: 4, backedUp: true, usedAt: at }),
        false,
      );
      assert.deepEqual(await store.getPasskeyByCredentialId(passkey.credentialId), passkey);
      assert.equal(
        await store.recordPasskeyUse(passkey.id, { signCount: 6, backedUp: true, usedAt: at }),
        true,
      );
      assert.deepEqual(await store.getPasskeyByCredentialId(passkey.credentialId), {
        ...passkey,
        signCount: 6,
        backedUp: true,
        lastUsedAt: at,
      });
      // After a real counter, 0 is a counter that went backwards.
      assert.equal(
        await store.recordPasskeyUse(passkey.id, { signCount: 0, backedUp: true, usedAt: at }),
        false,
      );
      assert.equal(
        await store.recordPasskeyUse(uniqueId('passkey'), { signCount: 9, backedUp: true, usedAt: at }),
        false,
      );
    },
  },
  {
    name: 'passkeys: an authenticator without a counter (0 after 0) is accepted every time',
    async run(store) {
      const passkey = await insertUserWithPasskey(store);
      for (const seconds of [1, 2]) {
        const usedAt = addSeconds(T0, seconds);
        assert.equal(
          await store.recordPasskeyUse(passkey.id, { signCount: 0, backedUp: true, usedAt }),
          true,
        );
      }
      const stored = await store.getPasskeyByCredentialId(passkey.credentialId);
      assert.deepEqual(stored?.lastUsedAt, addSeconds(T0, 2));
    },
  },
  {
    name: 'passkeys: of concurrent uses with the same counter, exactly one is accepted',
    async run(store) {
      const passkey = await insertUserWithPasskey(store, { signCount: 1 });
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.recordPasskeyUse(passkey.id, { signCount: 2, backedUp: true, usedAt: T0 }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 1);
    },
  },
  {
    name: "passkeys: rename and delete reach the owner's passkey only",
    async run(store) {
      const passkey = await insertUserWithPasskey(store);
      const stranger = makeUser();
      await store.insertUser(stranger);
      assert.equal(await store.renameUserPasskey(stranger.id, passkey.id, 'Mine now'), null);
      assert.equal(await store.deleteUserPasskey(stranger.id, passkey.id), false);
      assert.deepEqual(await store.renameUserPasskey(passkey.userId, passkey.id, 'Phone'), {
        ...passkey,
        name: 'Phone',
      });
      assert.equal(await store.deleteUserPasskey(passkey.userId, passkey.id), true);
      assert.equal(await store.deleteUserPasskey(passkey.userId, passkey.id), false);
      assert.equal(await store.getPasskeyByCredentialId(passkey.credentialId), null);
      assert.deepEqual(await store.listUserPasskeys(passkey.userId), []);
    },
  },
  {
    name: 'webauthn challenges: a live challenge is taken once, for its ceremony and user only',
    async run(store) {
      const userId = uniqueId('user');
      const challenge = randomBytes(32).toString('base64url');
      const record = { challenge, ceremony: 'registration', userId, expiresAt: addSeconds(T0, 300) } as const;
      await store.insertWebAuthnChallenge(record);
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'authentication', userId, T0), null);
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'registration', uniqueId('user'), T0), null);
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'registration', null, T0), null);
      assert.deepEqual(await store.takeWebAuthnChallenge(challenge, 'registration', userId, T0), record);
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'registration', userId, T0), null);
    },
  },
  {
    name: 'webauthn challenges: a sign-in challenge has no user; concurrent takes get it at most once',
    async run(store) {
      const challenge = randomBytes(32).toString('base64url');
      const record = {
        challenge,
        ceremony: 'authentication',
        userId: null,
        expiresAt: addSeconds(T0, 300),
      } as const;
      await store.insertWebAuthnChallenge(record);
      const taken = await Promise.all(
        Array.from({ length: 8 }, () => store.takeWebAuthnChallenge(challenge, 'authentication', null, T0)),
      );
      assert.deepEqual(
        taken.filter((result) => result !== null),
        [record],
      );
    },
  },
  {
    name: 'webauthn challenges: expired at its expiry instant, and swept then',
    async run(store) {
      const challenge = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.UTC(1985, 0, 1) + Math.floor(Math.random() * 1e11));
      await store.insertWebAuthnChallenge({ challenge, ceremony: 'authentication', userId: null, expiresAt });
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'authentication', null, expiresAt), null);
      assert.ok((await store.deleteExpiredWebAuthnChallenges(expiresAt)) >= 1);
      // Gone: even a take from before the expiry finds nothing.
      const before = addSeconds(expiresAt, -1);
      assert.equal(await store.takeWebAuthnChallenge(challenge, 'authentication', null, before), null);
    },
  },
];
