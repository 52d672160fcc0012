import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreUnavailableError } from '../errors.js';
import {
  addUser,
  auditTypes,
  createTestDeps,
  ORIGIN,
  PASSWORD,
  revokedIds,
  storeWithOutage,
  type TestDeps,
} from '../lib/create-test-deps.fixture.js';
import type { SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { authenticateSessionToken } from './authenticate-session-token.js';
import { loginWithPassword } from './login-with-password.js';
import { revokeSessions, revokeUserSessions, type RevocationContext } from './revoke-sessions.js';

function signIn(t: TestDeps, transport: SessionTransport = 'cookie') {
  return loginWithPassword(t.deps, {
    email: 'alice@example.com',
    password: PASSWORD,
    transport,
    presentedSession: null,
    origin: ORIGIN,
  });
}

function context(user: UserRecord, reason: RevocationContext['reason'] = 'logout'): RevocationContext {
  return { userId: user.id, reason, actorSessionId: null, origin: ORIGIN };
}

describe('revokeSessions', () => {
  it('publishes, deletes, records one audit event per existing session, and returns those', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const a = await signIn(t);
    const b = await signIn(t);
    const gone = 'Z'.repeat(22);
    const revoked = await revokeSessions(t.deps, [a.session.id, gone], context(alice));
    assert.deepEqual(revoked, [a.session.id]);
    assert.equal(await t.store.getSession(a.session.id), null);
    assert.notEqual(await t.store.getSession(b.session.id), null);
    assert.deepEqual(revokedIds(t.feed), [a.session.id, gone], 'everything asked for is announced');
    const types = await auditTypes(t.store, alice.id);
    assert.deepEqual(
      types.filter((type) => type === 'logout'),
      ['logout'],
    );
  });

  it('announces before it deletes: a session is still in the store when listeners hear of it', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const { session } = await signIn(t);
    const seenAtAnnouncement: Promise<unknown>[] = [];
    // The memory store answers from the state at the call, so this reads the moment of delivery.
    t.deps.revocationFeed.subscribe(() => seenAtAnnouncement.push(t.store.getSession(session.id)));
    await revokeSessions(t.deps, [session.id], context(alice));
    assert.equal(seenAtAnnouncement.length, 1);
    assert.notEqual(await seenAtAnnouncement[0], null);
    assert.equal(await t.store.getSession(session.id), null);
  });

  it('deletes nothing when the feed cannot be written (the caller can retry)', async () => {
    const { store, fail } = storeWithOutage();
    const t = await createTestDeps({ store });
    const alice = await addUser(t, 'alice@example.com');
    const { session, token } = await signIn(t);
    fail(['appendRevocations']);
    await assert.rejects(revokeSessions(t.deps, [session.id], context(alice)), StoreUnavailableError);
    assert.notEqual(await t.store.getSession(session.id), null);
    assert.deepEqual(await auditTypes(t.store, alice.id), ['login.succeeded']);
    fail([]);
    await revokeSessions(t.deps, [session.id], context(alice));
    assert.equal(await authenticateSessionToken(t.deps, token), null);
  });

  it('a session whose delete failed stays refused for as long as it could live', async () => {
    const { store, fail } = storeWithOutage();
    const t = await createTestDeps({ store, session: { idleTimeoutSeconds: 3600 } });
    const alice = await addUser(t, 'alice@example.com');
    const { session, token } = await signIn(t);
    fail(['deleteSession']);
    await assert.rejects(revokeSessions(t.deps, [session.id], context(alice)), StoreUnavailableError);
    fail([]);
    assert.notEqual(await t.store.getSession(session.id), null, 'the store still holds it');
    // Past the access-token retention (15 min + 1 min leeway), short of the session's idle timeout.
    t.clock.advanceSeconds(3000);
    const live = await t.deps.revocationFeed.list(null, t.clock.now(), 10);
    assert.deepEqual(
      live.map((entry) => entry.sessionId),
      [session.id],
    );
    assert.equal(await authenticateSessionToken(t.deps, token), null);
  });
});

describe('revokeUserSessions', () => {
  it('revokes every session of the user except the current one', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const current = await signIn(t);
    const phone = await signIn(t, 'bearer');
    const laptop = await signIn(t);
    const phoneAccess = await t.deps.tokens.issueAccessToken(alice, phone.session);
    const revoked = await revokeUserSessions(t.deps, current.session.id, context(alice, 'logout-all'));
    assert.deepEqual([...revoked].sort(), [phone.session.id, laptop.session.id].sort());
    assert.deepEqual([...revokedIds(t.feed)].sort(), [phone.session.id, laptop.session.id].sort());
    assert.equal((await authenticateSessionToken(t.deps, current.token))?.session.id, current.session.id);
    assert.equal(await authenticateSessionToken(t.deps, laptop.token), null);
    // The bearer session's access token is refused too, without a store lookup.
    await assert.rejects(t.deps.tokens.verifyAccessToken(phoneAccess.token), {
      code: 'ERR_SESSION_REVOKED',
    });
  });

  it('with no current session revokes them all, and leaves other users alone', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const bob = await addUser(t, 'bob@example.com');
    await signIn(t);
    await signIn(t);
    const bobs = await loginWithPassword(t.deps, {
      email: bob.email,
      password: PASSWORD,
      transport: 'cookie',
      presentedSession: null,
      origin: ORIGIN,
    });
    assert.equal((await revokeUserSessions(t.deps, null, context(alice, 'logout-all'))).length, 2);
    assert.deepEqual(await t.store.listUserSessions(alice.id), []);
    assert.notEqual(await t.store.getSession(bobs.session.id), null);
  });

  it('deletes nothing when the feed cannot be written', async () => {
    const { store, fail } = storeWithOutage();
    const t = await createTestDeps({ store });
    const alice = await addUser(t, 'alice@example.com');
    await signIn(t);
    fail(['appendRevocations']);
    await assert.rejects(revokeUserSessions(t.deps, null, context(alice)), StoreUnavailableError);
    assert.equal((await t.store.listUserSessions(alice.id)).length, 1);
  });
});

describe('a revoked session and the session cache', () => {
  it('a cached session is refused on the next request once revoked', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const { session, token } = await signIn(t);
    assert.ok(await authenticateSessionToken(t.deps, token));
    assert.equal((await t.deps.sessionCache.getSession(session.id)).cached, true, 'now served from memory');
    await revokeSessions(t.deps, [session.id], context(alice));
    assert.equal(await authenticateSessionToken(t.deps, token), null);
  });

  it('an announced revocation is final even while the store still holds the session', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const { session, token } = await signIn(t);
    await t.deps.revocationFeed.publish([session.id], t.clock.now());
    assert.notEqual(await t.store.getSession(session.id), null);
    assert.equal(await authenticateSessionToken(t.deps, token), null);
  });
});
