import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RateLimitedError,
  WeakPasswordError,
} from '../errors.js';
import {
  addUser,
  createTestDeps,
  ORIGIN,
  PASSWORD,
  revokedIds,
  type TestDeps,
} from '../lib/create-test-deps.fixture.js';
import type { SessionTransport } from '../store/session-store.js';
import { authenticateSessionToken } from './authenticate-session-token.js';
import { changePassword } from './change-password.js';
import { loginWithPassword } from './login-with-password.js';
import { refreshSession } from './refresh-session.js';

const NEW_PASSWORD = 'a brand new passphrase';

function signIn(t: TestDeps, transport: SessionTransport, password = PASSWORD) {
  return loginWithPassword(t.deps, {
    email: 'alice@example.com',
    password,
    transport,
    presentedSession: null,
    origin: ORIGIN,
  });
}

async function change(
  t: TestDeps,
  sessionId: string,
  currentPassword = PASSWORD,
  newPassword = NEW_PASSWORD,
) {
  const session = await t.store.getSession(sessionId);
  const user = await t.store.getUserByEmail('alice@example.com');
  assert.ok(session !== null && user !== null);
  return changePassword(t.deps, { user, session, currentPassword, newPassword, origin: ORIGIN });
}

describe('changePassword', () => {
  it('changes the password and revokes every other session, publishing them', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const current = await signIn(t, 'cookie');
    const other = await signIn(t, 'cookie');
    const phone = await signIn(t, 'bearer');
    await change(t, current.session.id);

    assert.deepEqual([...revokedIds(t.feed)].sort(), [other.session.id, phone.session.id].sort());
    assert.equal(await authenticateSessionToken(t.deps, other.token), null);
    await assert.rejects(refreshSession(t.deps, phone.refreshToken!, ORIGIN), InvalidRefreshTokenError);
    await assert.rejects(signIn(t, 'cookie'), InvalidCredentialsError);
    assert.ok((await signIn(t, 'cookie', NEW_PASSWORD)).session);
  });

  it('keeps the current session under a new secret; the old token stops working at once, cached or not', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const current = await signIn(t, 'cookie');
    // Served once, so the session is in this instance's cache when the password changes.
    assert.ok(await authenticateSessionToken(t.deps, current.token));
    const changed = await change(t, current.session.id);

    assert.equal(changed.refreshToken, null, 'a cookie session has no refresh chain');
    // The old token first, as a thief holding it would try: the cached record must not answer it.
    assert.equal(await authenticateSessionToken(t.deps, current.token), null);
    assert.equal(
      (await authenticateSessionToken(t.deps, changed.sessionToken))?.session.id,
      current.session.id,
    );
    assert.deepEqual(revokedIds(t.feed), [], 'the session itself is not revoked');
  });

  it('starts the refresh chain over: earlier tokens die without counting as reuse', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const current = await signIn(t, 'bearer');
    const rotated = await refreshSession(t.deps, current.refreshToken!, ORIGIN);
    const changed = await change(t, current.session.id);
    assert.ok(changed.refreshToken !== null);
    assert.notEqual(changed.refreshToken, rotated.refreshToken);

    // Inside the grace of the last rotation, and a token from before it: both refused, nothing revoked.
    await assert.rejects(refreshSession(t.deps, rotated.refreshToken, ORIGIN), InvalidRefreshTokenError);
    await assert.rejects(refreshSession(t.deps, current.refreshToken!, ORIGIN), InvalidRefreshTokenError);
    assert.deepEqual(revokedIds(t.feed), []);
    assert.equal((await t.store.getSession(current.session.id))?.refreshGeneration, 0);
    const next = await refreshSession(t.deps, changed.refreshToken, ORIGIN);
    assert.equal(next.session.id, current.session.id);
  });

  it('a wrong current password changes nothing and counts as a failed login', async () => {
    const t = await createTestDeps({ throttle: { maxFailuresPerAccount: 1 } });
    await addUser(t, 'alice@example.com');
    const current = await signIn(t, 'cookie');
    const other = await signIn(t, 'cookie');
    await assert.rejects(change(t, current.session.id, 'not my password'), InvalidCredentialsError);
    await assert.rejects(change(t, current.session.id), RateLimitedError);
    assert.notEqual(await t.store.getSession(other.session.id), null);
    assert.deepEqual(t.feed, []);
    t.clock.advanceSeconds(900);
    assert.ok((await signIn(t, 'cookie')).session, 'the old password still works');
  });

  it('refuses a weak new password before checking anything', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const current = await signIn(t, 'cookie');
    await assert.rejects(change(t, current.session.id, PASSWORD, 'password'), WeakPasswordError);
    assert.ok((await signIn(t, 'cookie')).session);
  });
});
