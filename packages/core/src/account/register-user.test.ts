import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmailTakenError, InvalidRequestError, RateLimitedError, WeakPasswordError } from '../errors.js';
import {
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
import { registerUser } from './register-user.js';
import type { RequestOrigin } from './request-origin.js';

const OTHER_ORIGIN: RequestOrigin = { ip: '198.51.100.9', userAgent: null };

function register(
  t: TestDeps,
  email: string,
  options: { password?: string; origin?: RequestOrigin; presentedSession?: SessionRecord | null } = {},
) {
  return registerUser(t.deps, {
    email,
    password: options.password ?? PASSWORD,
    transport: 'cookie',
    presentedSession: options.presentedSession ?? null,
    origin: options.origin ?? ORIGIN,
  });
}

describe('registerUser', () => {
  it('creates the account with its email normalized, no roles, and signs it in', async () => {
    const t = await createTestDeps();
    const created = await register(t, ' Alice@Example.COM');
    assert.equal(created.user.email, 'alice@example.com');
    assert.deepEqual(created.user.roles, []);
    assert.equal(created.user.disabledAt, null);
    assert.equal((await t.store.getUserByEmail('alice@example.com'))?.id, created.user.id);
    assert.equal((await authenticateSessionToken(t.deps, created.token))?.user.id, created.user.id);
    assert.deepEqual(await auditTypes(t.store, created.user.id), ['user.registered', 'login.succeeded']);
    // The password was hashed, not stored, and signs in.
    assert.notEqual((await t.store.getUserByEmail('alice@example.com'))?.passwordHash, PASSWORD);
    const login = await loginWithPassword(t.deps, {
      email: 'alice@example.com',
      password: PASSWORD,
      transport: 'bearer',
      presentedSession: null,
      origin: ORIGIN,
    });
    assert.equal(login.user.id, created.user.id);
  });

  it('refuses a taken email, whatever its case, and keeps the first account', async () => {
    const t = await createTestDeps();
    const first = await register(t, 'alice@example.com');
    await assert.rejects(
      register(t, 'ALICE@example.com', { password: 'another good password' }),
      EmailTakenError,
    );
    assert.equal((await t.store.getUserByEmail('alice@example.com'))?.id, first.user.id);
  });

  it('refuses a bad email and a weak password, creating nothing', async () => {
    const t = await createTestDeps();
    await assert.rejects(register(t, 'not an email'), InvalidRequestError);
    await assert.rejects(register(t, 'bob@example.com', { password: 'short' }), WeakPasswordError);
    await assert.rejects(register(t, 'bob@example.com', { password: 'password123' }), WeakPasswordError);
    assert.equal(await t.store.getUserByEmail('bob@example.com'), null);
  });

  it('limits registrations per IP, failed ones included, and reopens after the window', async () => {
    const t = await createTestDeps({
      throttle: { maxRegistrationsPerIp: 2, registrationWindowSeconds: 3600 },
    });
    await register(t, 'alice@example.com');
    // A taken email counts: it is exactly what an enumerator asks.
    await assert.rejects(register(t, 'alice@example.com'), EmailTakenError);
    t.clock.advanceSeconds(600);
    const refused = await register(t, 'bob@example.com').then(
      () => assert.fail('a third registration went through'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof RateLimitedError);
    assert.equal(refused.scope, 'registration');
    assert.equal(refused.retryAfterSeconds, 3000);
    assert.equal(await t.store.getUserByEmail('bob@example.com'), null);

    assert.equal(
      (await register(t, 'carol@example.com', { origin: OTHER_ORIGIN })).user.email,
      'carol@example.com',
    );
    t.clock.advanceSeconds(2999);
    await assert.rejects(register(t, 'bob@example.com'), RateLimitedError);
    t.clock.advanceSeconds(1);
    assert.equal((await register(t, 'bob@example.com')).user.email, 'bob@example.com');
  });

  it('replaces the session the client presented', async () => {
    const t = await createTestDeps();
    const alice = await register(t, 'alice@example.com');
    const bob = await register(t, 'bob@example.com', { presentedSession: alice.session });
    assert.equal(await t.store.getSession(alice.session.id), null);
    assert.deepEqual(revokedIds(t.feed), [alice.session.id]);
    assert.equal((await authenticateSessionToken(t.deps, bob.token))?.user.id, bob.user.id);
  });
});
