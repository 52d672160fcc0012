// CORS on the auth server (DESIGN §10; docs/decisions/0054-cors-in-the-router.md), from outside over
// HTTP: every route of the one router answers a listed front end, the server's own routes
// (/metrics, /openapi.json) and the admin API included; nobody else is answered as allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StoreUnavailableError, type TesseraStore } from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import { ConfigError, loadConfig } from '../src/load-config.js';
import {
  PASSWORD,
  SESSION_COOKIE,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';

const SPA = 'http://localhost:5173';
const OTHER_SPA = 'https://app.example.org';

describe('TESSERA_CORS_ORIGINS is validated at start-up like TESSERA_TRUSTED_ORIGINS', () => {
  for (const value of [
    '*',
    'https://app.example.org/',
    'https://*.example.org',
    'null',
    'ftp://x.example',
    'app.example.org',
  ]) {
    it(`refuses ${JSON.stringify(value)} naming the variable`, () => {
      assert.throws(
        () => loadConfig({ TESSERA_CORS_ORIGINS: value }),
        (error: unknown) => error instanceof ConfigError && /TESSERA_CORS_ORIGINS/.test(error.message),
      );
    });
  }

  it('keeps origins as browsers send them (lower case, default port omitted)', () => {
    const config = loadConfig({ TESSERA_CORS_ORIGINS: 'HTTPS://App.Example.org:443, http://localhost:5173' });
    assert.deepEqual([...(config.http.corsOrigins ?? [])], [OTHER_SPA, SPA]);
  });
});

describe('CORS on the auth server (DESIGN §10)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_CORS_ORIGINS: `${SPA}, ${OTHER_SPA}` });
  });
  after(() => server.close());

  const fromSpa = (origin = SPA) => ({ origin, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' });

  it('register, me and logout from a listed origin carry the allow headers, and CSRF trusts it', async () => {
    const register = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: fromSpa(OTHER_SPA),
    });
    assert.equal(register.status, 201, register.text);
    assert.equal(register.headers['access-control-allow-origin'], OTHER_SPA);
    assert.equal(register.headers['access-control-allow-credentials'], 'true');
    const token = register.setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
    const cookie = token.split(';')[0]!.split('=')[1]!;
    const me = await server.send('GET', '/auth/me', { cookie, headers: fromSpa(OTHER_SPA) });
    assert.equal(me.status, 200);
    assert.equal(me.headers['access-control-allow-origin'], OTHER_SPA);
    const logout = await server.send('POST', '/auth/logout', { cookie, headers: fromSpa(OTHER_SPA) });
    assert.equal(logout.status, 204, logout.text);
    assert.equal(logout.headers['access-control-allow-origin'], OTHER_SPA);
    assert.match(String(logout.headers['vary']), /Origin/);
  });

  it('a 401 and a 429 are readable: WWW-Authenticate and Retry-After are exposed', async () => {
    const result = await server.send('GET', '/auth/me', { bearer: 'not-a-token', headers: fromSpa() });
    assert.equal(result.status, 401);
    assert.equal(result.headers['access-control-allow-origin'], SPA);
    assert.equal(result.headers['access-control-allow-credentials'], 'true');
    assert.match(String(result.headers['access-control-expose-headers']), /www-authenticate/i);
    assert.match(String(result.headers['access-control-expose-headers']), /retry-after/i);
  });

  it('preflights of the server routes, the admin API and the server-only routes answer 204', async () => {
    const cases: [string, string][] = [
      ['/auth/password', 'POST'],
      ['/auth/revocations', 'GET'],
      ['/admin/users', 'GET'],
      ['/admin/sessions/abc', 'DELETE'],
      ['/metrics', 'GET'],
      ['/openapi.json', 'GET'],
      ['/healthz', 'GET'],
    ];
    for (const [path, method] of cases) {
      const result = await server.send('OPTIONS', path, {
        headers: {
          ...fromSpa(),
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      assert.equal(result.status, 204, `${path} ${result.text}`);
      assert.equal(result.headers['access-control-allow-origin'], SPA, path);
      assert.equal(result.headers['access-control-allow-credentials'], 'true');
      assert.ok(String(result.headers['access-control-allow-methods']).split(', ').includes(method), path);
      assert.match(String(result.headers['access-control-allow-headers']), /content-type/);
      assert.match(String(result.headers['access-control-allow-headers']), /authorization/);
      assert.equal(result.headers['access-control-max-age'], '600');
      assert.equal(result.headers['x-content-type-options'], 'nosniff', 'security headers too');
    }
  });

  it('an unlisted origin gets a 204 preflight without allow headers, and no allow headers on answers', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:5174', `${SPA}/`]) {
      const preflight = await server.send('OPTIONS', '/auth/login', {
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
      assert.equal(preflight.headers['access-control-allow-methods'], undefined);
      const login = await server.send('POST', '/auth/login', {
        body: { email: uniqueEmail(), password: PASSWORD },
        headers: { origin },
      });
      assert.equal(login.status, 403, origin);
      assert.equal(login.json.code, 'csrf_rejected');
      assert.equal(login.headers['access-control-allow-origin'], undefined);
      assert.equal(login.headers['access-control-allow-credentials'], undefined);
    }
  });

  it('OPTIONS on an unknown path is 404 not_found; a wrong method stays 405', async () => {
    const unknown = await server.send('OPTIONS', '/auth/nothing-here', { headers: fromSpa() });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.code, 'not_found');
    const wrong = await server.send('PUT', '/auth/me', { headers: fromSpa() });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers['access-control-allow-origin'], SPA);
  });
});

/** The memory store, except that `ping` fails while `failing` is set (a database outage: /healthz 503). */
function storeWithFailingPing(): { store: TesseraStore; fail: (on: boolean) => void } {
  const real = createMemoryStore();
  let failing = false;
  const down = () => Promise.reject(new StoreUnavailableError('down for the test', undefined));
  const store = new Proxy(real, {
    get(target, property, receiver) {
      if (failing && property === 'ping') return down;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, fail: (on) => (failing = on) };
}

// Decision 0070: every answer the server writes carries the CORS headers for a listed origin, the
// 413 its node listener writes before the router sees the request included; none for other origins.
describe("CORS on the server's own problems: 413, 404, 405, 429, 503", () => {
  let server: TestServer;
  let store: ReturnType<typeof storeWithFailingPing>;
  before(async () => {
    store = storeWithFailingPing();
    server = await startTestServer({ TESSERA_CORS_ORIGINS: SPA }, { store: store.store });
  });
  after(() => server.close());

  const UNLISTED = ['https://evil.example', 'null', 'http://localhost:5174'];

  function assertReadableBy(result: HttpResult, origin: string, what: string): void {
    assert.match(String(result.headers['vary']), /\bOrigin\b/, `${what}: caches keep origins apart`);
    if (origin === SPA) {
      assert.equal(result.headers['access-control-allow-origin'], SPA, what);
      assert.equal(result.headers['access-control-allow-credentials'], 'true', what);
      assert.match(String(result.headers['access-control-expose-headers']), /retry-after/i, what);
    } else {
      assert.equal(result.headers['access-control-allow-origin'], undefined, `${what} from ${origin}`);
      assert.equal(result.headers['access-control-allow-credentials'], undefined, `${what} from ${origin}`);
    }
  }

  it('413 payload_too_large, 404 not_found and 405 method_not_allowed', async () => {
    const huge = JSON.stringify({ email: uniqueEmail(), password: 'x'.repeat(70_000) });
    for (const origin of [SPA, ...UNLISTED]) {
      const tooLarge = await server.send('POST', '/auth/login', {
        rawBody: huge,
        headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(tooLarge.status, 413, tooLarge.text);
      assert.equal((tooLarge.json as { code: string }).code, 'payload_too_large');
      assertReadableBy(tooLarge, origin, '413');
      for (const path of ['/no-such-page', '/auth/no-such-route']) {
        const missing = await server.send('GET', path, { headers: { origin } });
        assert.equal(missing.status, 404, `${path}: ${missing.text}`);
        assertReadableBy(missing, origin, `404 ${path}`);
      }
      const wrong = await server.send('DELETE', '/.well-known/jwks.json', { headers: { origin } });
      assert.equal(wrong.status, 405, wrong.text);
      assertReadableBy(wrong, origin, '405');
    }
  });

  it('429 of the login throttle (its Retry-After exposed) for the listed front end', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const headers = { origin: SPA, 'sec-fetch-site': 'cross-site' };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      assert.equal((await server.login(email, 'not the password', headers)).status, 401);
    }
    const blocked = await server.login(email, 'not the password', headers);
    assert.equal(blocked.status, 429, blocked.text);
    assert.ok(blocked.headers['retry-after'] !== undefined);
    assertReadableBy(blocked, SPA, '429');
  });

  it('503 when the store is down', async () => {
    store.fail(true);
    try {
      for (const origin of [SPA, ...UNLISTED]) {
        const down = await server.send('GET', '/healthz', { headers: { origin } });
        assert.equal(down.status, 503, down.text);
        assertReadableBy(down, origin, '503');
      }
    } finally {
      store.fail(false);
    }
  });
});
