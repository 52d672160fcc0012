// Cookies shared by the subdomains of one site (TESSERA_COOKIE_DOMAIN, DESIGN §10; decision 0055),
// from outside over HTTP: `__Secure-` names with the `Domain`, the `__Host-` names no longer read,
// and the duplicate-cookie rule of DESIGN §3.2 still refusing a tossed second value.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/load-config.js';
import {
  cookieFrom,
  PASSWORD,
  SESSION_COOKIE,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';

const DOMAIN = 'example.com';
const SHARED_SESSION = '__Secure-tessera-session';
const SHARED_ACCESS = '__Secure-tessera-access';
const REFRESH = '__Secure-tessera-refresh';

function lineOf(result: HttpResult, name: string): string {
  const line = result.setCookies.find((each) => each.startsWith(`${name}=`));
  assert.ok(line !== undefined, `${name} is set`);
  return line;
}

function attributesOf(line: string): string[] {
  return line
    .split('; ')
    .slice(1)
    .map((attribute) => attribute.toLowerCase())
    .filter((attribute) => !attribute.startsWith('expires='));
}

describe('TESSERA_COOKIE_DOMAIN is validated at start-up', () => {
  const bad = [
    '.example.com',
    'localhost',
    'com',
    '127.0.0.1',
    'Example.com',
    'example.com:443',
    'https://example.com',
    '*.example.com',
    'exa mple.com',
    '-bad.example.com',
  ];
  for (const value of bad) {
    it(`refuses ${JSON.stringify(value)} naming the variable`, () => {
      assert.throws(
        () => loadConfig({ TESSERA_COOKIE_DOMAIN: value }),
        (error: unknown) => error instanceof ConfigError && /TESSERA_COOKIE_DOMAIN/.test(error.message),
      );
    });
  }

  it('refuses a domain that does not cover TESSERA_PUBLIC_URL', () => {
    assert.throws(
      () => loadConfig({ TESSERA_COOKIE_DOMAIN: DOMAIN, TESSERA_PUBLIC_URL: 'https://auth.badexample.com' }),
      (error: unknown) => error instanceof ConfigError && /TESSERA_COOKIE_DOMAIN/.test(error.message),
    );
    const config = loadConfig({
      TESSERA_COOKIE_DOMAIN: DOMAIN,
      TESSERA_PUBLIC_URL: 'https://auth.example.com',
    });
    assert.equal(config.http.cookieDomain, DOMAIN);
  });
});

describe('session mode with TESSERA_COOKIE_DOMAIN', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_DOMAIN: DOMAIN });
  });
  after(() => server.close());

  async function signUp(): Promise<string> {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail('shared'), password: PASSWORD },
    });
    assert.equal(result.status, 201, result.text);
    return cookieFrom(result, SHARED_SESSION)!;
  }

  it('register sets __Secure-tessera-session with Domain, Path=/, HttpOnly, Secure, SameSite=Lax; no __Host-', async () => {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail('shared'), password: PASSWORD },
    });
    assert.equal(result.status, 201);
    assert.equal(cookieFrom(result, SESSION_COOKIE), null);
    assert.deepEqual(attributesOf(lineOf(result, SHARED_SESSION)).sort(), [
      `domain=${DOMAIN}`,
      'httponly',
      'max-age=7200',
      'path=/',
      'samesite=lax',
      'secure',
    ]);
  });

  it('the shared cookie signs in; the host-only name is not read; logout expires it with the Domain', async () => {
    const token = await signUp();
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [SHARED_SESSION]: token } })).status,
      200,
    );
    const hostOnly = await server.send('GET', '/auth/me', { cookies: { [SESSION_COOKIE]: token } });
    assert.equal(hostOnly.status, 401);
    assert.equal(hostOnly.json.code, 'unauthenticated');
    const logout = await server.send('POST', '/auth/logout', { cookies: { [SHARED_SESSION]: token } });
    assert.equal(logout.status, 204);
    assert.equal(cookieFrom(logout, SHARED_SESSION), '');
    assert.ok(attributesOf(lineOf(logout, SHARED_SESSION)).includes(`domain=${DOMAIN}`));
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [SHARED_SESSION]: token } })).status,
      401,
    );
  });

  it('two shared session cookies (one tossed by a sibling) are refused in either order, nothing revoked', async () => {
    const victim = await signUp();
    const attacker = await signUp();
    for (const cookie of [
      `${SHARED_SESSION}=${attacker}; ${SHARED_SESSION}=${victim}`,
      `${SHARED_SESSION}=${victim}; ${SHARED_SESSION}=${attacker}`,
    ]) {
      const result = await server.send('GET', '/auth/me', { headers: { cookie } });
      assert.equal(result.status, 401);
      assert.equal(result.json.code, 'unauthenticated');
      assert.equal(cookieFrom(result, SHARED_SESSION), '');
    }
    for (const token of [victim, attacker]) {
      assert.equal(
        (await server.send('GET', '/auth/me', { cookies: { [SHARED_SESSION]: token } })).status,
        200,
      );
    }
  });
});

describe('jwt cookie mode with TESSERA_COOKIE_DOMAIN', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_DOMAIN: DOMAIN, TESSERA_COOKIE_MODE: 'jwt' });
  });
  after(() => server.close());

  async function signIn(): Promise<{ access: string; refresh: string; result: HttpResult }> {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail('shared-jwt'), password: PASSWORD },
    });
    assert.equal(result.status, 201, result.text);
    return { access: cookieFrom(result, SHARED_ACCESS)!, refresh: cookieFrom(result, REFRESH)!, result };
  }

  it('sets __Secure-tessera-access (Path=/) and __Secure-tessera-refresh (Path=/auth/refresh), both with Domain', async () => {
    const { result } = await signIn();
    const access = attributesOf(lineOf(result, SHARED_ACCESS));
    assert.ok(access.includes(`domain=${DOMAIN}`) && access.includes('path=/'));
    const refresh = attributesOf(lineOf(result, REFRESH));
    assert.ok(refresh.includes(`domain=${DOMAIN}`) && refresh.includes('path=/auth/refresh'));
    assert.equal(cookieFrom(result, '__Host-tessera-access'), null);
  });

  it('the shared access cookie signs in and the refresh cookie renews it', async () => {
    const { access, refresh } = await signIn();
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [SHARED_ACCESS]: access } })).status,
      200,
    );
    const renewed = await server.send('POST', '/auth/refresh', { cookies: { [REFRESH]: refresh } });
    assert.equal(renewed.status, 200, renewed.text);
    assert.ok(attributesOf(lineOf(renewed, SHARED_ACCESS)).includes(`domain=${DOMAIN}`));
  });

  it('two refresh cookies: 401 invalid_token, the shared and a leftover host-only one expired, no rotation', async () => {
    const victim = await signIn();
    const attacker = await signIn();
    const result = await server.send('POST', '/auth/refresh', {
      headers: { cookie: `${REFRESH}=${attacker.refresh}; ${REFRESH}=${victim.refresh}` },
    });
    assert.equal(result.status, 401);
    assert.equal(result.json.code, 'invalid_token');
    const expired = result.setCookies.filter((line) => line.startsWith(`${REFRESH}=;`));
    assert.equal(expired.length, 2, 'with and without Domain');
    assert.ok(expired.some((line) => line.toLowerCase().includes(`domain=${DOMAIN}`)));
    assert.ok(expired.some((line) => !line.toLowerCase().includes('domain=')));
    const stillValid = await server.send('POST', '/auth/refresh', { cookies: { [REFRESH]: victim.refresh } });
    assert.equal(stillValid.status, 200, 'nothing was rotated');
  });
});
