import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeUser, storeUser, T0 } from './fixtures.js';

/**
 * Conformance cases for `UserStore`.
 *
 * @example
 * for (const c of userCases) it(c.name, () => c.run(store));
 */
export const userCases: readonly ConformanceCase[] = [
  {
    name: 'users: insertUser resolves true, then getUserById and getUserByEmail return every field',
    async run(store) {
      const user = makeUser({ roles: ['admin'], disabledAt: addSeconds(T0, 60) });
      assert.equal(await store.insertUser(user), true);
      const byId = await store.getUserById(user.id);
      assert.deepEqual(byId, user);
      assert.ok(byId.createdAt instanceof Date && byId.disabledAt instanceof Date);
      assert.deepEqual(await store.getUserByEmail(user.email), user);
    },
  },
  {
    name: 'users: an unknown id or email resolves null',
    async run(store) {
      const user = makeUser();
      assert.equal(await store.getUserById(user.id), null);
      assert.equal(await store.getUserByEmail(user.email), null);
    },
  },
  {
    name: 'users: getUserByEmail matches the stored (normalized) email exactly',
    async run(store) {
      const user = await storeUser(store);
      // Normalizing is core's job; a store that folded case itself would hide a missing normalization.
      assert.equal(await store.getUserByEmail(user.email.toUpperCase()), null);
    },
  },
  {
    name: 'users: a taken email resolves false and changes nothing',
    async run(store) {
      const first = await storeUser(store);
      const second = makeUser({ email: first.email, passwordHash: '$argon2id$other', roles: ['admin'] });
      assert.equal(await store.insertUser(second), false);
      assert.equal(await store.getUserById(second.id), null);
      assert.deepEqual(await store.getUserByEmail(first.email), first);
      assert.deepEqual(await store.getUserById(first.id), first);
    },
  },
  {
    name: 'users: a duplicate id with a new email rejects (a caller bug, not a taken email)',
    async run(store) {
      const first = await storeUser(store);
      const second = makeUser({ id: first.id });
      await assert.rejects(store.insertUser(second));
      assert.equal(await store.getUserByEmail(second.email), null);
      assert.deepEqual(await store.getUserById(first.id), first);
    },
  },
  {
    name: 'users: roles round-trip empty, single and several, in order',
    async run(store) {
      for (const roles of [[], ['admin'], ['support', 'admin', 'billing:read']]) {
        const user = await storeUser(store, { roles });
        assert.deepEqual((await store.getUserById(user.id))?.roles, roles);
      }
    },
  },
  {
    name: 'users: updateUserPasswordHash replaces that user’s hash only',
    async run(store) {
      const user = await storeUser(store);
      const other = await storeUser(store);
      await store.updateUserPasswordHash(user.id, '$argon2id$v=19$new');
      assert.deepEqual(await store.getUserById(user.id), { ...user, passwordHash: '$argon2id$v=19$new' });
      assert.deepEqual(await store.getUserByEmail(user.email), {
        ...user,
        passwordHash: '$argon2id$v=19$new',
      });
      assert.deepEqual(await store.getUserById(other.id), other);
    },
  },
  {
    name: 'users: updateUserPasswordHash on an unknown id resolves and stores nothing',
    async run(store) {
      const ghost = makeUser();
      await store.updateUserPasswordHash(ghost.id, '$argon2id$v=19$new');
      assert.equal(await store.getUserById(ghost.id), null);
    },
  },
];
