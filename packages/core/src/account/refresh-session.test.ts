import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from '../errors.js';
import {
  addUser,
  auditTypes,
  createTestDeps,
  ORIGIN,
  PASSWORD,
  revokedIds,
  type TestDeps,
} from '../lib/create-test-deps.fixture.js';
import { formatRefreshToken, parseRefreshToken } from '../token/refresh-token.js';
import { loginWithPassword } from './login-with-password.js';
import { refreshSession } from './refresh-session.js';
import { revokeSessions } from './revoke-sessions.js';

const GRACE_SECONDS = 10;

/** An engine with one signed-in bearer session and the first token of its refresh chain. */
async function signedIn(
  options: Parameters<typeof createTestDeps>[0] = {},
): Promise<TestDeps & { sessionId: string; first: string }> {
  const t = await createTestDeps({ tokens: { refreshReuseGraceSeconds: GRACE_SECONDS }, ...options });
  await addUser(t, 'alice@example.com');
  const login = await loginWithPassword(t.deps, {
    email: 'alice@example.com',
    password: PASSWORD,
    transport: 'bearer',
    presentedSession: null,
    origin: ORIGIN,
  });
  assert.ok(login.refreshToken !== null, 'a bearer session has a refresh chain');
  return { ...t, sessionId: login.session.id, first: login.refreshToken };
}

/** The same session id with a secret of the right shape that the chain never held. */
function forgedToken(sessionId: string): string {
  return formatRefreshToken({ sessionId, secret: 'A'.repeat(43) });
}

describe('refreshSession', () => {
  it('rotates: a new refresh token, a new access token of the same session, and a chain that goes on', async () => {
    const t = await signedIn();
    const second = await refreshSession(t.deps, t.first, ORIGIN);
    assert.notEqual(second.refreshToken, t.first);
    assert.equal(parseRefreshToken(second.refreshToken)?.sessionId, t.sessionId);
    const claims = await t.deps.tokens.verifyAccessToken(second.accessToken.token);
    assert.equal(claims.sid, t.sessionId);
    assert.equal(claims.sub, second.user.id);
    assert.equal((await t.store.getSession(t.sessionId))?.refreshGeneration, 1);

    t.clock.advanceSeconds(GRACE_SECONDS + 1);
    const third = await refreshSession(t.deps, second.refreshToken, ORIGIN);
    assert.notEqual(third.refreshToken, second.refreshToken);
    assert.equal((await t.store.getSession(t.sessionId))?.refreshGeneration, 2);
    assert.deepEqual(revokedIds(t.feed), []);
  });

  it('slides the idle expiry: a refresh is activity', async () => {
    const t = await signedIn({ session: { idleTimeoutSeconds: 600, activityUpdateIntervalSeconds: 60 } });
    t.clock.advanceSeconds(500);
    await refreshSession(t.deps, t.first, ORIGIN);
    const session = await t.store.getSession(t.sessionId);
    assert.equal(session?.idleExpiresAt.getTime(), t.clock.now().getTime() + 600_000);
  });

  it('within the grace, the rotated token yields the same successor (two tabs, a retry)', async () => {
    const t = await signedIn();
    const rotated = await refreshSession(t.deps, t.first, ORIGIN);
    t.clock.advanceSeconds(GRACE_SECONDS);
    const replayed = await refreshSession(t.deps, t.first, ORIGIN);
    assert.equal(replayed.refreshToken, rotated.refreshToken);
    assert.equal((await t.store.getSession(t.sessionId))?.refreshGeneration, 1, 'the chain did not fork');
    assert.deepEqual(revokedIds(t.feed), []);
    // The successor handed out twice still works.
    const next = await refreshSession(t.deps, rotated.refreshToken, ORIGIN);
    assert.notEqual(next.refreshToken, rotated.refreshToken);
  });

  it('two concurrent refreshes with one token both get the same successor', async () => {
    const t = await signedIn();
    const [a, b] = await Promise.all([
      refreshSession(t.deps, t.first, ORIGIN),
      refreshSession(t.deps, t.first, ORIGIN),
    ]);
    assert.equal(a.refreshToken, b.refreshToken);
    assert.equal((await t.store.getSession(t.sessionId))?.refreshGeneration, 1);
  });

  it('the grace counts from the first rotation: replays do not restart it', async () => {
    const t = await signedIn();
    await refreshSession(t.deps, t.first, ORIGIN);
    t.clock.advanceSeconds(GRACE_SECONDS - 1);
    await refreshSession(t.deps, t.first, ORIGIN);
    t.clock.advanceSeconds(2);
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), RefreshTokenReusedError);
  });

  it('the rotated token after the grace is reuse: the session is revoked and published', async () => {
    const t = await signedIn();
    const rotated = await refreshSession(t.deps, t.first, ORIGIN);
    t.clock.advanceSeconds(GRACE_SECONDS + 1);
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), RefreshTokenReusedError);

    assert.equal(await t.store.getSession(t.sessionId), null);
    assert.deepEqual(revokedIds(t.feed), [t.sessionId]);
    assert.ok(t.deps.sessionCache.isRevoked(t.sessionId));
    const types = await auditTypes(t.store, rotated.user.id);
    assert.deepEqual(types.slice(-2), ['refresh_token.reused', 'session.revoked']);
    // The thief's successor dies with the session, and so does its access token.
    await assert.rejects(refreshSession(t.deps, rotated.refreshToken, ORIGIN), InvalidRefreshTokenError);
    await assert.rejects(t.deps.tokens.verifyAccessToken(rotated.accessToken.token), {
      code: 'ERR_SESSION_REVOKED',
    });
  });

  it('an older token of the chain is reuse at any time, even inside the grace of the last rotation', async () => {
    const t = await signedIn();
    const second = await refreshSession(t.deps, t.first, ORIGIN);
    t.clock.advanceSeconds(GRACE_SECONDS + 1);
    await refreshSession(t.deps, second.refreshToken, ORIGIN);
    // `first` is two rotations back: not the previous token, found by walking the chain.
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), RefreshTokenReusedError);
    assert.deepEqual(revokedIds(t.feed), [t.sessionId]);
  });

  it('refuses malformed, unknown and forged tokens without revoking anything', async () => {
    const t = await signedIn();
    const unknownSession = formatRefreshToken({ sessionId: 'B'.repeat(22), secret: 'C'.repeat(43) });
    const sessionToken = `${t.sessionId}.${'D'.repeat(43)}`;
    for (const presented of ['', 'rt.x.y', sessionToken, unknownSession, forgedToken(t.sessionId)]) {
      await assert.rejects(refreshSession(t.deps, presented, ORIGIN), InvalidRefreshTokenError, presented);
    }
    assert.notEqual(await t.store.getSession(t.sessionId), null, 'a forged secret revokes nothing');
    assert.deepEqual(t.feed, []);
    assert.equal((await refreshSession(t.deps, t.first, ORIGIN)).session.id, t.sessionId);
  });

  it('refuses the token of an expired session and deletes the session', async () => {
    const t = await signedIn({ session: { idleTimeoutSeconds: 600 } });
    t.clock.advanceSeconds(600);
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), InvalidRefreshTokenError);
    assert.equal(await t.store.getSession(t.sessionId), null);
    assert.deepEqual(revokedIds(t.feed), [], 'expiry is not reuse');
  });

  it('refreshes up to the last second of the idle window', async () => {
    const t = await signedIn({ session: { idleTimeoutSeconds: 600 } });
    t.clock.advanceSeconds(599);
    assert.equal((await refreshSession(t.deps, t.first, ORIGIN)).session.id, t.sessionId);
  });

  it('refuses the token of a revoked session, even while the store still holds it', async () => {
    const t = await signedIn();
    await t.deps.revocationFeed.publish([t.sessionId], t.clock.now());
    assert.notEqual(await t.store.getSession(t.sessionId), null);
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), InvalidRefreshTokenError);

    const other = await signedIn();
    await revokeSessions(other.deps, [other.sessionId], {
      userId: 'x',
      reason: 'logout',
      actorSessionId: null,
      origin: ORIGIN,
    });
    await assert.rejects(refreshSession(other.deps, other.first, ORIGIN), InvalidRefreshTokenError);
  });

  it('refuses a refresh for a disabled user', async () => {
    const t = await signedIn();
    const user = await t.store.getUserByEmail('alice@example.com');
    await t.store.updateUserDisabledAt(user!.id, t.clock.now());
    await assert.rejects(refreshSession(t.deps, t.first, ORIGIN), InvalidRefreshTokenError);
  });
});
