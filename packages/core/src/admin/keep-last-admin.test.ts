import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LastAdminError } from '../errors.js';
import { addUser, createTestDeps, type TestDeps } from '../lib/create-test-deps.fixture.js';
import { disableUser } from './disable-user.js';
import { setUserRoles } from './set-user-roles.js';
import type { AdminActor } from './admin-actor.js';

const CLI: AdminActor = { via: 'cli', userId: null, sessionId: null, origin: null };

describe('keepLastAdmin', () => {
  const takeAway = {
    demote: (t: TestDeps, id: string) => setUserRoles(t.deps, id, [], CLI),
    disable: (t: TestDeps, id: string) => disableUser(t.deps, id, CLI),
  };
  for (const [name, change] of Object.entries(takeAway)) {
    it(`of two concurrent changes (${name}) taking away the last two administrators, at most one applies`, async () => {
      const t = await createTestDeps();
      const first = await addUser(t, 'first@example.com', { roles: ['admin'] });
      const second = await addUser(t, 'second@example.com', { roles: ['admin'] });
      const results = await Promise.allSettled([change(t, first.id), change(t, second.id)]);
      // Both may be refused (each saw the other's write and undid its own); never both applied.
      const applied = results.filter((result) => result.status === 'fulfilled').length;
      assert.ok(applied <= 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.ok(result.reason instanceof LastAdminError);
      }
      assert.equal((await t.store.listEnabledUserIdsWithRole('admin', 10)).length, 2 - applied);
    });
  }

  it('counts only enabled holders of the exact role', async () => {
    const t = await createTestDeps();
    const admin = await addUser(t, 'admin@example.com', { roles: ['admin'] });
    await addUser(t, 'disabled@example.com', { roles: ['admin'], disabled: true });
    await addUser(t, 'shouty@example.com', { roles: ['Admin'] });
    await assert.rejects(setUserRoles(t.deps, admin.id, [], CLI), LastAdminError);
  });

  it('leaves changes that do not take admin away alone, even with no administrator at all', async () => {
    const t = await createTestDeps();
    const bob = await addUser(t, 'bob@example.com', { roles: ['support'] });
    assert.deepEqual((await setUserRoles(t.deps, bob.id, [], CLI)).roles, []);
    assert.notEqual((await disableUser(t.deps, bob.id, CLI)).disabledAt, null);
    // A disabled administrator is not one the guard keeps.
    const former = await addUser(t, 'former@example.com', { roles: ['admin'], disabled: true });
    assert.deepEqual((await setUserRoles(t.deps, former.id, [], CLI)).roles, []);
  });
});
