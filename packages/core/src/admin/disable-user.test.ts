import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticateSessionToken } from '../account/authenticate-session-token.js';
import { loginWithPassword } from '../account/login-with-password.js';
import { InvalidCredentialsError, LastAdminError, UserNotFoundError } from '../errors.js';
import {
  addUser,
  auditTypes,
  createTestDeps,
  ORIGIN,
  PASSWORD,
  revokedIds,
  type TestDeps,
} from '../lib/create-test-deps.fixture.js';
import type { AdminActor } from './admin-actor.js';
import { disableUser } from './disable-user.js';
import { enableUser } from './enable-user.js';

const CLI: AdminActor = { via: 'cli', userId: null, sessionId: null, origin: null };

function signIn(t: TestDeps, email: string) {
  return loginWithPassword(t.deps, {
    email,
    password: PASSWORD,
    transport: 'cookie',
    presentedSession: null,
    origin: ORIGIN,
  });
}

describe('disableUser', () => {
  it('flags the user, revokes every session through the feed, and publishes user-changed', async () => {
    const t = await createTestDeps();
    const bob = await addUser(t, 'bob@example.com');
    const a = await signIn(t, bob.email);
    const b = await signIn(t, bob.email);
    t.clock.advanceSeconds(5);
    const disabled = await disableUser(t.deps, bob.id, CLI);

    assert.equal(disabled.disabledAt?.getTime(), t.clock.now().getTime());
    assert.deepEqual(t.feed[0], { kind: 'user-changed', userId: bob.id });
    assert.deepEqual([...revokedIds(t.feed)].sort(), [a.session.id, b.session.id].sort());
    assert.deepEqual(await t.store.listUserSessions(bob.id), []);
    assert.equal(await authenticateSessionToken(t.deps, a.token), null);
    await assert.rejects(signIn(t, bob.email), InvalidCredentialsError);
    const [event] = await t.store.listAuditEvents({
      userId: bob.id,
      type: 'user.disabled',
      before: null,
      limit: 1,
    });
    assert.equal(event?.detail['revokedSessions'], 2);
    assert.equal(event.detail['via'], 'cli');
  });

  it('disabling twice keeps the first disabledAt', async () => {
    const t = await createTestDeps();
    const bob = await addUser(t, 'bob@example.com');
    const first = await disableUser(t.deps, bob.id, CLI);
    t.clock.advanceSeconds(60);
    const again = await disableUser(t.deps, bob.id, CLI);
    assert.equal(again.disabledAt?.getTime(), first.disabledAt?.getTime());
  });

  it('refuses to disable the last enabled administrator, leaving the account and its sessions', async () => {
    const t = await createTestDeps();
    const admin = await addUser(t, 'admin@example.com', { roles: ['admin'] });
    const { session } = await signIn(t, admin.email);
    await assert.rejects(disableUser(t.deps, admin.id, CLI), LastAdminError);
    assert.equal((await t.store.getUserById(admin.id))?.disabledAt, null);
    assert.notEqual(await t.store.getSession(session.id), null);
    assert.deepEqual(t.feed, []);

    const other = await addUser(t, 'other@example.com', { roles: ['admin'] });
    assert.notEqual((await disableUser(t.deps, admin.id, CLI)).disabledAt, null);
    await assert.rejects(disableUser(t.deps, other.id, CLI), LastAdminError);
  });

  it('refuses an unknown user', async () => {
    const t = await createTestDeps();
    await assert.rejects(disableUser(t.deps, 'nobody', CLI), UserNotFoundError);
    assert.deepEqual(t.feed, []);
  });
});

describe('enableUser', () => {
  it('lets the user sign in again, publishes user-changed, and leaves old sessions revoked', async () => {
    const t = await createTestDeps();
    const bob = await addUser(t, 'bob@example.com');
    const old = await signIn(t, bob.email);
    await disableUser(t.deps, bob.id, CLI);
    const feedBefore = t.feed.length;

    const enabled = await enableUser(t.deps, bob.id, CLI);
    assert.equal(enabled.disabledAt, null);
    assert.deepEqual(t.feed.slice(feedBefore), [{ kind: 'user-changed', userId: bob.id }]);
    assert.equal(await authenticateSessionToken(t.deps, old.token), null);
    const fresh = await signIn(t, bob.email);
    assert.equal((await authenticateSessionToken(t.deps, fresh.token))?.user.id, bob.id);
    assert.deepEqual(
      (await auditTypes(t.store, bob.id)).filter((type) => type.startsWith('user.')),
      ['user.disabled', 'user.enabled'],
    );
  });

  it('refuses an unknown user', async () => {
    const t = await createTestDeps();
    await assert.rejects(enableUser(t.deps, 'nobody', CLI), UserNotFoundError);
    assert.deepEqual(t.feed, []);
  });
});
