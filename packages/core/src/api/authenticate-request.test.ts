// authenticateRequestFromCache against authenticateRequest, in process (memory store, fake clock):
// memory alone may accept a session cookie, and in every other case it answers `undefined` so that
// the one full path decides; it never refuses on its own.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createMemoryStore } from '@tessera/stores/memory';
import { fastHasher, PASSWORD, TestClock } from '../../../../test/support/test-kit.js';
import { registerUser } from '../account/register-user.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { createTesseraDeps } from '../create-tessera-deps.js';
import { silentObserver } from '../observer/tessera-observer.js';
import { parseServerSecrets } from '../secret/server-secrets.js';
import { hostOnlyAuthCookies } from './auth-cookies.js';
import type { AuthRequest } from './auth-request.js';
import { authenticateRequest, authenticateRequestFromCache } from './authenticate-request.js';

const SESSION = hostOnlyAuthCookies.session;

function request(headers: Record<string, string>): AuthRequest {
  return {
    method: 'GET',
    path: '/api/orders',
    query: '',
    headers,
    body: new Uint8Array(0),
    peerAddress: '127.0.0.1',
    signal: new AbortController().signal,
  };
}

describe('authenticateRequestFromCache', () => {
  let clock: TestClock;
  let deps: TesseraDeps;
  let token: string;
  let reports: string[];

  const fromCache = (headers: Record<string, string>, cookies: Record<string, string>) =>
    authenticateRequestFromCache(deps, request(headers), cookies, hostOnlyAuthCookies, clock.now());
  const full = (headers: Record<string, string>, cookies: Record<string, string>) =>
    authenticateRequest(deps, request(headers), cookies, hostOnlyAuthCookies);

  beforeEach(async () => {
    clock = new TestClock();
    reports = [];
    deps = await createTesseraDeps({
      store: createMemoryStore(),
      secrets: parseServerSecrets('x'.repeat(40), 'TEST'),
      clock,
      passwordHasher: fastHasher,
      tokens: { issuer: 'https://auth.example.com', audience: 'https://api.example.com' },
      observer: {
        ...silentObserver,
        sessionAuthenticated: (mode, outcome) => reports.push(`${mode} ${outcome}`),
      },
    });
    const registered = await registerUser(deps, {
      email: 'cache@example.com',
      password: PASSWORD,
      transport: 'cookie',
      presentedSession: null,
      origin: { ip: '127.0.0.1', userAgent: null },
    });
    token = registered.token;
  });

  it('answers only once the full path has cached the session, and reports like it', async () => {
    const cookies = { [SESSION]: token };
    const headers = { cookie: `${SESSION}=${token}` };
    assert.equal(fromCache(headers, cookies), undefined, 'nothing cached yet');
    assert.equal((await full(headers, cookies)).kind, 'authenticated');
    const cached = fromCache(headers, cookies);
    assert.ok(cached?.kind === 'authenticated');
    assert.equal(cached.auth.user.email, 'cache@example.com');
    assert.deepEqual(reports, ['session-cookie authenticated', 'session-cookie authenticated']);
  });

  it('leaves every refusal and every write to the full path', async () => {
    const cookies = { [SESSION]: token };
    const headers = { cookie: `${SESSION}=${token}` };
    await full(headers, cookies);

    const [sessionId] = token.split('.');
    const wrongSecret = `${sessionId}.${'A'.repeat(43)}`;
    const wrong = { [SESSION]: wrongSecret };
    assert.equal(fromCache({ cookie: `${SESSION}=${wrongSecret}` }, wrong), undefined, 'wrong secret');
    assert.equal((await full({ cookie: `${SESSION}=${wrongSecret}` }, wrong)).kind, 'refused');

    const twice = { cookie: `${SESSION}=${token}; ${SESSION}=${token}` };
    assert.equal(fromCache(twice, cookies), undefined, 'cookie tossing');
    assert.equal((await full(twice, cookies)).kind, 'refused');

    const bearer = { ...headers, authorization: 'Bearer not-a-token' };
    assert.equal(fromCache(bearer, cookies), undefined, 'another proof comes first');
    assert.equal((await full(bearer, cookies)).kind, 'refused');

    clock.advanceSeconds(deps.policy.activityUpdateIntervalSeconds);
    assert.equal(fromCache(headers, cookies), undefined, 'an activity write is due');
    const refreshed = await full(headers, cookies);
    assert.equal(refreshed.kind === 'authenticated' && refreshed.auth.refreshed, true);
    assert.equal(fromCache(headers, cookies)?.kind, 'authenticated', 'cached again after the write');

    deps.sessionCache.invalidateSession(sessionId ?? '');
    assert.equal(fromCache(headers, cookies), undefined, 'dropped from the cache');
  });

  it('does not answer for a disabled user or after the idle timeout', async () => {
    const cookies = { [SESSION]: token };
    const headers = { cookie: `${SESSION}=${token}` };
    const first = await full(headers, cookies);
    assert.ok(first.kind === 'authenticated');
    const userId = first.auth.user.id;

    await deps.store.updateUserDisabledAt(userId, clock.now());
    deps.sessionCache.invalidateUser(userId);
    assert.equal(fromCache(headers, cookies), undefined, 'the user must be read again');
    assert.equal((await full(headers, cookies)).kind, 'refused');

    await deps.store.updateUserDisabledAt(userId, null);
    deps.sessionCache.invalidateUser(userId);
    await full(headers, cookies);
    clock.advanceSeconds(deps.policy.idleTimeoutSeconds + 1);
    assert.equal(fromCache(headers, cookies), undefined, 'expired');
    assert.equal((await full(headers, cookies)).kind, 'refused');
  });
});
