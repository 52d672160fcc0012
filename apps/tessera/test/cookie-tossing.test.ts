// Cookie tossing (issue 11, defect 6; DESIGN §3.2): a sibling subdomain plants a second cookie with one
// of Tessera's names (`Domain=<parent>`, a longer `Path`), which browsers list first. A request with two
// values of one of our cookies is refused with expiring cookies, and nothing is rotated or revoked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACCESS_COOKIE,
  cookieFrom,
  PASSWORD,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';

/** Both orders: the planted cookie first (what browsers do with a longer path), and last. */
function bothOrders(name: string, legit: string, planted: string): string[] {
  return [`${name}=${planted}; ${name}=${legit}`, `${name}=${legit}; ${name}=${planted}`];
}

function assertRefusedAndCleared(result: HttpResult, code: string, names: readonly string[]): void {
  assert.equal(result.status, 401, result.text);
  assert.equal(result.json.code, code);
  for (const name of names) assert.equal(cookieFrom(result, name), '', `${name} is expired`);
}

describe('session mode: two session cookies', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('no route resolves them by order; nothing is revoked or rotated', async () => {
    const victim = await server.register(uniqueEmail('victim'));
    const attacker = await server.register(uniqueEmail('attacker'));
    for (const cookie of bothOrders(SESSION_COOKIE, victim, attacker)) {
      for (const [method, path] of [
        ['GET', '/auth/me'],
        ['GET', '/auth/sessions'],
        ['POST', '/auth/logout'],
        ['POST', '/auth/logout-all'],
      ] as const) {
        const result = await server.send(method, path, { headers: { cookie } });
        assertRefusedAndCleared(result, 'unauthenticated', [SESSION_COOKIE]);
      }
      const password = await server.send('POST', '/auth/password', {
        headers: { cookie },
        body: { currentPassword: PASSWORD, newPassword: 'another long passphrase 2' },
      });
      assertRefusedAndCleared(password, 'unauthenticated', [SESSION_COOKIE]);
    }
    for (const token of [victim, attacker]) {
      const me = await server.send('GET', '/auth/me', { cookie: token });
      assert.equal(me.status, 200, 'both sessions are untouched');
      assert.equal(me.setCookies.length, 0);
    }
  });
});

describe('jwt cookie mode: two access or two refresh cookies', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_MODE: 'jwt' });
  });
  after(() => server.close());

  async function signUp(prefix: string): Promise<{ access: string; refresh: string }> {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail(prefix), password: PASSWORD },
    });
    assert.equal(result.status, 201, result.text);
    return { access: cookieFrom(result, ACCESS_COOKIE)!, refresh: cookieFrom(result, REFRESH_COOKIE)! };
  }

  it('two access cookies: 401 unauthenticated with every cookie expired', async () => {
    const victim = await signUp('victim');
    const attacker = await signUp('attacker');
    for (const cookie of bothOrders(ACCESS_COOKIE, victim.access, attacker.access)) {
      const me = await server.send('GET', '/auth/me', { headers: { cookie } });
      assertRefusedAndCleared(me, 'unauthenticated', [SESSION_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE]);
      const logout = await server.send('POST', '/auth/logout', { headers: { cookie } });
      assertRefusedAndCleared(logout, 'unauthenticated', [ACCESS_COOKIE, REFRESH_COOKIE]);
    }
    const me = await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: victim.access } });
    assert.equal(me.status, 200, 'the victim is still signed in');
  });

  it('two refresh cookies on /auth/refresh: 401 invalid_token, expiring cookies, no rotation', async () => {
    const victim = await signUp('victim');
    const attacker = await signUp('attacker');
    for (const cookie of bothOrders(REFRESH_COOKIE, victim.refresh, attacker.refresh)) {
      const result = await server.send('POST', '/auth/refresh', { headers: { cookie } });
      assertRefusedAndCleared(result, 'invalid_token', [ACCESS_COOKIE, REFRESH_COOKIE]);
      assert.equal(result.json.user, undefined, 'signed in as nobody');
    }
    // Neither chain moved: past the reuse grace, a token that had been rotated would be reuse (401);
    // each legit token still refreshes, as the current token of its chain.
    server.clock.advanceSeconds(11);
    for (const { refresh } of [victim, attacker]) {
      const result = await server.send('POST', '/auth/refresh', { cookies: { [REFRESH_COOKIE]: refresh } });
      assert.equal(result.status, 200, result.text);
    }
  });

  it('a refresh token in the body does not make tossed cookies acceptable', async () => {
    const victim = await signUp('victim');
    const attacker = await signUp('attacker');
    const result = await server.send('POST', '/auth/refresh', {
      headers: { cookie: `${REFRESH_COOKIE}=${attacker.refresh}; ${REFRESH_COOKIE}=${victim.refresh}` },
      body: { refresh_token: victim.refresh },
    });
    assertRefusedAndCleared(result, 'invalid_token', [ACCESS_COOKIE, REFRESH_COOKIE]);
  });
});
