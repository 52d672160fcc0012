import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeUser, storeUser, T0 } from './fixtures.js';

/** Users whose emails share a random tag, so a search finds them and nothing another case stored. */
function taggedEmails(count: number): { tag: string; emails: string[] } {
  const tag = randomUUID();
  // Deliberately not in insertion order, and with a byte-order trap ('Z' < 'a' < '~').
  const locals = ['mike', 'alpha', 'zulu', 'Zed', 'tilde~', 'bravo'].slice(0, count);
  return { tag, emails: locals.map((local) => `${local}.${tag}@example.test`) };
}

/**
 * Conformance cases for the administrative part of `UserStore`: listing and searching with a cursor,
 * disabling, roles, and all-or-nothing imports.
 *
 * @example
 * for (const c of userAdminCases) it(c.name, () => c.run(store));
 */
export const userAdminCases: readonly ConformanceCase[] = [
  {
    name: 'users: listUsers finds a substring in email byte order and pages with afterEmail',
    async run(store) {
      const { tag, emails } = taggedEmails(6);
      for (const email of emails) await storeUser(store, { email });
      const sorted = [...emails].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      const all = await store.listUsers({ emailContains: tag, afterEmail: null, limit: 100 });
      assert.deepEqual(
        all.map((user) => user.email),
        sorted,
      );
      const first = await store.listUsers({ emailContains: tag, afterEmail: null, limit: 4 });
      assert.deepEqual(
        first.map((user) => user.email),
        sorted.slice(0, 4),
      );
      const rest = await store.listUsers({ emailContains: tag, afterEmail: sorted[3] ?? null, limit: 4 });
      assert.deepEqual(
        rest.map((user) => user.email),
        sorted.slice(4),
      );
      assert.deepEqual(await store.listUsers({ emailContains: tag, afterEmail: null, limit: 0 }), []);
    },
  },
  {
    name: 'users: listUsers returns every field and treats the search string literally (no wildcards)',
    async run(store) {
      const tag = randomUUID();
      const user = await storeUser(store, {
        email: `a_b%c.${tag}@example.test`,
        roles: ['admin'],
        disabledAt: addSeconds(T0, 5),
      });
      await storeUser(store, { email: `axbyc.${tag}@example.test` });
      assert.deepEqual(
        await store.listUsers({ emailContains: `a_b%c.${tag}`, afterEmail: null, limit: 10 }),
        [user],
      );
      assert.deepEqual(
        await store.listUsers({ emailContains: `a%c.${tag}`, afterEmail: null, limit: 10 }),
        [],
      );
      // Case is not folded: emails are stored normalized, and normalizing the query is core's job.
      assert.deepEqual(
        await store.listUsers({ emailContains: tag.toUpperCase(), afterEmail: null, limit: 10 }),
        [],
      );
    },
  },
  {
    name: 'users: listUsers without a search string lists users after the cursor',
    async run(store) {
      const user = await storeUser(store);
      const page = await store.listUsers({ emailContains: null, afterEmail: null, limit: 1_000_000 });
      assert.ok(page.some((listed) => listed.id === user.id));
      const after = await store.listUsers({ emailContains: null, afterEmail: user.email, limit: 1_000_000 });
      assert.ok(!after.some((listed) => listed.id === user.id));
      assert.ok(
        after.every((listed) => Buffer.compare(Buffer.from(listed.email), Buffer.from(user.email)) > 0),
      );
    },
  },
  {
    name: 'users: listUsers rejects a negative limit',
    async run(store) {
      await assert.rejects(store.listUsers({ emailContains: null, afterEmail: null, limit: -1 }), TypeError);
    },
  },
  {
    name: 'users: updateUserDisabledAt sets and clears disabledAt and resolves the user; unknown id → null',
    async run(store) {
      const user = await storeUser(store);
      const other = await storeUser(store);
      const at = addSeconds(T0, 30);
      assert.deepEqual(await store.updateUserDisabledAt(user.id, at), { ...user, disabledAt: at });
      assert.deepEqual(await store.getUserById(user.id), { ...user, disabledAt: at });
      assert.deepEqual(await store.getUserByEmail(user.email), { ...user, disabledAt: at });
      assert.deepEqual(await store.updateUserDisabledAt(user.id, null), user);
      assert.deepEqual(await store.getUserById(user.id), user);
      assert.deepEqual(await store.getUserById(other.id), other);
      assert.equal(await store.updateUserDisabledAt(makeUser().id, at), null);
    },
  },
  {
    name: 'users: updateUserRoles replaces the roles in order and resolves the user; unknown id → null',
    async run(store) {
      const user = await storeUser(store, { roles: ['support'] });
      const roles = ['billing:read', 'admin'];
      assert.deepEqual(await store.updateUserRoles(user.id, roles), { ...user, roles });
      assert.deepEqual(await store.getUserById(user.id), { ...user, roles });
      assert.deepEqual(await store.updateUserRoles(user.id, []), { ...user, roles: [] });
      assert.equal(await store.updateUserRoles(makeUser().id, ['admin']), null);
    },
  },
  {
    name: 'users: listEnabledUserIdsWithRole finds enabled holders of exactly that role, in id order, up to the limit',
    async run(store) {
      // A role of its own, so users other cases stored do not count.
      const role = `admin:${randomUUID()}`;
      const holders = [
        await storeUser(store, { roles: ['support', role] }),
        await storeUser(store, { roles: [role] }),
        await storeUser(store, { roles: [role] }),
      ];
      await storeUser(store, { roles: [role], disabledAt: T0 });
      await storeUser(store, { roles: [`${role}x`, role.toUpperCase(), 'support'] });
      const ids = holders.map((user) => user.id).sort();
      assert.deepEqual(await store.listEnabledUserIdsWithRole(role, 10), ids);
      assert.deepEqual(await store.listEnabledUserIdsWithRole(role, 2), ids.slice(0, 2));
      await store.updateUserDisabledAt(ids[0] ?? '', T0);
      await store.updateUserRoles(ids[1] ?? '', ['support']);
      assert.deepEqual(await store.listEnabledUserIdsWithRole(role, 10), ids.slice(2));
      assert.deepEqual(await store.listEnabledUserIdsWithRole(`nobody:${randomUUID()}`, 10), []);
    },
  },
  {
    name: 'users: insertUsers stores every user of the batch and resolves []',
    async run(store) {
      const batch = [
        makeUser({ roles: ['admin'] }),
        makeUser({ passwordHash: '$2b$10$abcdefghijklmnopqrstuv' }),
        makeUser(),
      ];
      assert.deepEqual(await store.insertUsers(batch), []);
      for (const user of batch) assert.deepEqual(await store.getUserById(user.id), user);
      assert.deepEqual(await store.insertUsers([]), []);
    },
  },
  {
    name: 'users: insertUsers with a taken email resolves the taken emails and stores none of the batch',
    async run(store) {
      const existing = await storeUser(store);
      const batch = [makeUser(), makeUser({ email: existing.email }), makeUser()];
      assert.deepEqual(await store.insertUsers(batch), [existing.email]);
      for (const user of batch) {
        if (user.email !== existing.email) assert.equal(await store.getUserByEmail(user.email), null);
        assert.equal(await store.getUserById(user.id), null);
      }
      assert.deepEqual(await store.getUserByEmail(existing.email), existing);
    },
  },
  {
    name: 'users: insertUsers rejects a batch that repeats an email or an id, or reuses a stored id, and stores nothing',
    async run(store) {
      const first = makeUser();
      await assert.rejects(store.insertUsers([first, makeUser({ email: first.email })]), TypeError);
      await assert.rejects(store.insertUsers([first, makeUser({ id: first.id })]), TypeError);
      assert.equal(await store.getUserById(first.id), null);
      const existing = await storeUser(store);
      const fresh = makeUser();
      await assert.rejects(store.insertUsers([fresh, makeUser({ id: existing.id })]));
      assert.equal(await store.getUserById(fresh.id), null);
      assert.equal(await store.getUserByEmail(fresh.email), null);
    },
  },
];
