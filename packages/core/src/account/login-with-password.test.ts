import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidCredentialsError, RateLimitedError } from '../errors.js';
import {
  addUser,
  auditTypes,
  createTestDeps,
  ORIGIN,
  PASSWORD,
  revokedIds,
  type TestDeps,
} from '../lib/create-test-deps.fixture.js';
import type { SessionRecord } from '../store/session-store.js';
import { authenticateSessionToken } from './authenticate-session-token.js';
import { loginWithPassword } from './login-with-password.js';
import type { RequestOrigin } from './request-origin.js';

const WINDOW_SECONDS = 900;
const OTHER_ORIGIN: RequestOrigin = { ip: '198.51.100.9', userAgent: 'engine-test' };

function login(
  t: TestDeps,
  email: string,
  password: string,
  origin: RequestOrigin = ORIGIN,
  presentedSession: SessionRecord | null = null,
) {
  return loginWithPassword(t.deps, { email, password, transport: 'cookie', presentedSession, origin });
}

/** The error a login throws (the test fails if it succeeds). */
async function refusal(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => assert.fail('the login succeeded'),
    (error: unknown) => error,
  );
}

describe('loginWithPassword', () => {
  it('signs in with the right password: a new session whose token authenticates', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    // The email is normalized as at registration: case and surrounding spaces do not matter.
    const created = await login(t, '  Alice@Example.COM ', PASSWORD);
    assert.equal(created.user.id, alice.id);
    assert.equal(created.session.userId, alice.id);
    assert.equal(created.session.transport, 'cookie');
    assert.equal(created.refreshToken, null, 'a cookie session has no refresh chain');
    assert.equal((await authenticateSessionToken(t.deps, created.token))?.session.id, created.session.id);
    assert.deepEqual(await auditTypes(t.store, alice.id), ['login.succeeded']);
  });

  it('answers an unknown email, a wrong password and a disabled account with the same error', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    await addUser(t, 'carol@example.com', { disabled: true });
    const errors = [
      await refusal(login(t, 'bob@example.com', PASSWORD)),
      await refusal(login(t, 'alice@example.com', 'wrong password')),
      await refusal(login(t, 'carol@example.com', PASSWORD)),
      await refusal(login(t, 'not an email', PASSWORD)),
    ];
    for (const error of errors) {
      assert.ok(error instanceof InvalidCredentialsError);
      assert.equal(error.message, (errors[0] as Error).message);
    }
    assert.deepEqual(
      await t.store.listUserSessions((await t.store.getUserByEmail('carol@example.com'))!.id),
      [],
    );
  });

  it('throttles failures per (account, IP), counting the window on the fake clock', async () => {
    const t = await createTestDeps({ throttle: { maxFailuresPerAccount: 3, windowSeconds: WINDOW_SECONDS } });
    await addUser(t, 'alice@example.com');
    for (let failure = 0; failure < 3; failure += 1) {
      assert.ok((await refusal(login(t, 'alice@example.com', 'wrong'))) instanceof InvalidCredentialsError);
    }
    t.clock.advanceSeconds(100);
    const throttled = await refusal(login(t, 'alice@example.com', PASSWORD));
    assert.ok(throttled instanceof RateLimitedError, 'even the right password waits');
    assert.equal(throttled.scope, 'account');
    assert.equal(throttled.retryAfterSeconds, WINDOW_SECONDS - 100);
    assert.ok((await auditTypes(t.store, null)).includes('login.throttled'));

    // Another client is not locked out of the account by this one.
    assert.equal(
      (await login(t, 'alice@example.com', PASSWORD, OTHER_ORIGIN)).user.email,
      'alice@example.com',
    );

    t.clock.advanceSeconds(WINDOW_SECONDS - 101);
    assert.ok((await refusal(login(t, 'alice@example.com', PASSWORD))) instanceof RateLimitedError);
    t.clock.advanceSeconds(1);
    assert.equal((await login(t, 'alice@example.com', PASSWORD)).user.email, 'alice@example.com');
  });

  it('a successful login starts the account count over', async () => {
    const t = await createTestDeps({ throttle: { maxFailuresPerAccount: 2 } });
    await addUser(t, 'alice@example.com');
    await refusal(login(t, 'alice@example.com', 'wrong'));
    await login(t, 'alice@example.com', PASSWORD);
    for (let failure = 0; failure < 2; failure += 1) {
      assert.ok((await refusal(login(t, 'alice@example.com', 'wrong'))) instanceof InvalidCredentialsError);
    }
    const third = await refusal(login(t, 'alice@example.com', 'wrong'));
    assert.ok(third instanceof RateLimitedError);
  });

  it('throttles failures per IP across accounts, unknown ones included', async () => {
    const t = await createTestDeps({
      throttle: { maxFailuresPerAccount: 10, maxFailuresPerIp: 4, windowSeconds: WINDOW_SECONDS },
    });
    await addUser(t, 'alice@example.com');
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']) {
      assert.ok((await refusal(login(t, email, 'wrong'))) instanceof InvalidCredentialsError);
    }
    const throttled = await refusal(login(t, 'alice@example.com', PASSWORD));
    assert.ok(throttled instanceof RateLimitedError);
    assert.equal(throttled.scope, 'ip');
    assert.equal(throttled.retryAfterSeconds, WINDOW_SECONDS);

    assert.ok((await login(t, 'alice@example.com', PASSWORD, OTHER_ORIGIN)).session);
    t.clock.advanceSeconds(WINDOW_SECONDS);
    assert.ok((await login(t, 'alice@example.com', PASSWORD)).session);
  });

  it('counts an IPv6 client by its /64', async () => {
    const t = await createTestDeps({ throttle: { maxFailuresPerIp: 2 } });
    await addUser(t, 'alice@example.com');
    const at = (ip: string): RequestOrigin => ({ ip, userAgent: null });
    await refusal(login(t, 'a@example.com', 'wrong', at('2001:db8:1:2::1')));
    await refusal(login(t, 'b@example.com', 'wrong', at('2001:db8:1:2::2')));
    const error = await refusal(login(t, 'alice@example.com', PASSWORD, at('2001:db8:1:2:ffff::3')));
    assert.ok(error instanceof RateLimitedError);
    assert.ok((await login(t, 'alice@example.com', PASSWORD, at('2001:db8:1:3::1'))).session);
  });

  it('replaces the session the client presented, publishing its revocation', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const first = await login(t, 'alice@example.com', PASSWORD);
    const second = await login(t, 'alice@example.com', PASSWORD, ORIGIN, first.session);
    assert.notEqual(second.session.id, first.session.id);
    assert.equal(await t.store.getSession(first.session.id), null);
    assert.equal(await authenticateSessionToken(t.deps, first.token), null);
    assert.deepEqual(revokedIds(t.feed), [first.session.id]);
    const sessions = await t.store.listUserSessions(alice.id);
    assert.deepEqual(
      sessions.map((session) => session.id),
      [second.session.id],
    );
  });

  it('a failed login leaves the presented session alone', async () => {
    const t = await createTestDeps();
    await addUser(t, 'alice@example.com');
    const first = await login(t, 'alice@example.com', PASSWORD);
    await refusal(login(t, 'alice@example.com', 'wrong', ORIGIN, first.session));
    assert.notEqual(await t.store.getSession(first.session.id), null);
    assert.deepEqual(t.feed, []);
  });
});
