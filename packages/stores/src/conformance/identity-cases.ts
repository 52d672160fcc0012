import assert from 'node:assert/strict';
import type { IdentityRecord } from '@tessera/core/store';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeUser, T0, uniqueId } from './fixtures.js';

function makeIdentity(userId: string, overrides: Partial<IdentityRecord> = {}): IdentityRecord {
  return {
    provider: 'google',
    subject: uniqueId('sub'),
    userId,
    email: 'someone@example.test',
    emailVerified: true,
    linkedAt: addSeconds(T0, 1),
    ...overrides,
  };
}

/**
 * Conformance cases for `IdentityStore` (DESIGN §8), and for users without a password.
 *
 * @example
 * for (const c of identityCases) it(c.name, () => c.run(store));
 */
export const identityCases: readonly ConformanceCase[] = [
  {
    name: 'identities: an inserted identity is found by (provider, subject) and listed for its user',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const identity = makeIdentity(user.id, { emailVerified: false });
      assert.equal(await store.insertIdentity(identity), true);
      assert.deepEqual(await store.getIdentity(identity.provider, identity.subject), identity);
      assert.deepEqual(await store.listUserIdentities(user.id), [identity]);
      assert.equal(await store.getIdentity('github', identity.subject), null);
      assert.equal(await store.getIdentity(identity.provider, uniqueId('sub')), null);
    },
  },
  {
    name: 'identities: (provider, subject) belongs to one user; the same subject at another provider is another identity',
    async run(store) {
      const first = makeUser();
      const second = makeUser();
      await store.insertUser(first);
      await store.insertUser(second);
      const identity = makeIdentity(first.id);
      assert.equal(await store.insertIdentity(identity), true);
      assert.equal(await store.insertIdentity({ ...identity, userId: second.id }), false);
      assert.deepEqual(await store.listUserIdentities(second.id), []);
      assert.equal((await store.getIdentity(identity.provider, identity.subject))?.userId, first.id);
      assert.equal(await store.insertIdentity({ ...identity, provider: 'gitlab', userId: second.id }), true);
    },
  },
  {
    name: 'identities: a user has at most one identity per provider; several providers are listed in provider order',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const google = makeIdentity(user.id, { provider: 'google' });
      assert.equal(await store.insertIdentity(google), true);
      assert.equal(await store.insertIdentity(makeIdentity(user.id, { provider: 'google' })), false);
      const github = makeIdentity(user.id, { provider: 'github', linkedAt: addSeconds(T0, 5) });
      const azure = makeIdentity(user.id, { provider: 'Azure-ad' });
      assert.equal(await store.insertIdentity(github), true);
      assert.equal(await store.insertIdentity(azure), true);
      assert.deepEqual(
        (await store.listUserIdentities(user.id)).map((identity) => identity.provider),
        ['Azure-ad', 'github', 'google'],
      );
    },
  },
  {
    name: 'identities: deleteIdentity removes only the user’s identity of that provider and says whether there was one',
    async run(store) {
      const user = makeUser();
      const other = makeUser();
      await store.insertUser(user);
      await store.insertUser(other);
      const google = makeIdentity(user.id, { provider: 'google' });
      const github = makeIdentity(user.id, { provider: 'github' });
      const othersGoogle = makeIdentity(other.id, { provider: 'google' });
      for (const identity of [google, github, othersGoogle]) await store.insertIdentity(identity);
      assert.equal(await store.deleteIdentity(user.id, 'google'), true);
      assert.equal(await store.deleteIdentity(user.id, 'google'), false);
      assert.equal(await store.deleteIdentity(user.id, 'gitlab'), false);
      assert.deepEqual(await store.listUserIdentities(user.id), [github]);
      assert.deepEqual(await store.listUserIdentities(other.id), [othersGoogle]);
      assert.equal(await store.getIdentity('google', google.subject), null);
      // Unlinked, the subject can be linked again (to anyone).
      assert.equal(await store.insertIdentity({ ...google, userId: other.id, provider: 'google2' }), true);
    },
  },
  {
    name: 'identities: an identity of an unknown user is refused',
    async run(store) {
      await assert.rejects(store.insertIdentity(makeIdentity(uniqueId('no-such-user'))));
    },
  },
  {
    name: 'users: a user without a password (passwordHash null) round-trips, and can be given one later',
    async run(store) {
      const user = makeUser({ passwordHash: null });
      assert.equal(await store.insertUser(user), true);
      assert.deepEqual(await store.getUserById(user.id), user);
      assert.deepEqual(await store.getUserByEmail(user.email), user);
      const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
      await store.updateUserPasswordHash(user.id, hash);
      assert.equal((await store.getUserById(user.id))?.passwordHash, hash);
    },
  },
];
