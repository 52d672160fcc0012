import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequestError, LastAdminError, UserNotFoundError } from '../errors.js';
import { addUser, auditTypes, createTestDeps, ORIGIN } from '../lib/create-test-deps.fixture.js';
import type { AdminActor } from './admin-actor.js';
import { parseRoles, setUserRoles } from './set-user-roles.js';

const CLI: AdminActor = { via: 'cli', userId: null, sessionId: null, origin: null };

describe('parseRoles', () => {
  it('keeps valid roles in order without repeats', () => {
    assert.deepEqual(parseRoles(['support', 'admin', 'support', 'billing:read']), [
      'support',
      'admin',
      'billing:read',
    ]);
    assert.deepEqual(parseRoles([]), []);
  });

  it('refuses what is not a short role list', () => {
    for (const roles of [
      'admin',
      null,
      [''],
      ['a b'],
      ['x'.repeat(65)],
      [1],
      Array.from({ length: 33 }, (_, i) => `r${i}`),
    ]) {
      assert.throws(() => parseRoles(roles), InvalidRequestError, JSON.stringify(roles));
    }
  });
});

describe('setUserRoles', () => {
  it('replaces the roles, publishes user-changed after the write, and records who did it', async () => {
    const t = await createTestDeps();
    const admin = await addUser(t, 'admin@example.com', { roles: ['admin'] });
    const bob = await addUser(t, 'bob@example.com', { roles: ['support'] });
    const actor: AdminActor = { via: 'admin-api', userId: admin.id, sessionId: null, origin: ORIGIN };
    // A cache holding bob's old roles must drop them when the change is announced.
    await t.deps.sessionCache.getUser(bob.id);
    let rolesSeenAtAnnouncement: string[] | undefined;
    t.deps.revocationFeed.subscribe(() => {
      void t.deps.sessionCache.getUser(bob.id).then((user) => (rolesSeenAtAnnouncement = user?.roles));
    });

    const updated = await setUserRoles(t.deps, bob.id, ['admin', 'admin', 'billing'], actor);
    assert.deepEqual(updated.roles, ['admin', 'billing']);
    assert.deepEqual((await t.store.getUserById(bob.id))?.roles, ['admin', 'billing']);
    assert.deepEqual(t.feed, [{ kind: 'user-changed', userId: bob.id }]);
    assert.deepEqual(rolesSeenAtAnnouncement, ['admin', 'billing']);
    const [event] = await t.store.listAuditEvents({
      userId: bob.id,
      type: 'user.roles_changed',
      before: null,
      limit: 1,
    });
    assert.deepEqual(event?.detail, {
      via: 'admin-api',
      actorUserId: admin.id,
      actorSessionId: null,
      from: 'support',
      to: 'admin billing',
    });
    assert.equal(event.ip, ORIGIN.ip);
  });

  it('refuses to take admin from the last enabled administrator, and changes nothing', async () => {
    const t = await createTestDeps();
    const admin = await addUser(t, 'admin@example.com', { roles: ['admin', 'support'] });
    await addUser(t, 'former@example.com', { roles: ['admin'], disabled: true });
    await assert.rejects(setUserRoles(t.deps, admin.id, ['support'], CLI), LastAdminError);
    assert.deepEqual((await t.store.getUserById(admin.id))?.roles, ['admin', 'support']);
    assert.deepEqual(t.feed, []);
    assert.deepEqual(await auditTypes(t.store, admin.id), []);
    // Keeping admin while changing the rest is fine.
    assert.deepEqual((await setUserRoles(t.deps, admin.id, ['admin'], CLI)).roles, ['admin']);
  });

  it('lets an administrator go once another enabled one exists', async () => {
    const t = await createTestDeps();
    const first = await addUser(t, 'first@example.com', { roles: ['admin'] });
    await addUser(t, 'second@example.com', { roles: ['admin'] });
    assert.deepEqual((await setUserRoles(t.deps, first.id, [], CLI)).roles, []);
  });

  it('refuses an unknown user and a bad list', async () => {
    const t = await createTestDeps();
    const bob = await addUser(t, 'bob@example.com');
    await assert.rejects(setUserRoles(t.deps, 'nobody', ['support'], CLI), UserNotFoundError);
    await assert.rejects(setUserRoles(t.deps, bob.id, ['no spaces'], CLI), InvalidRequestError);
    assert.deepEqual(t.feed, []);
  });
});
