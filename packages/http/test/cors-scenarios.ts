// CORS on every route of ours through every adapter (DESIGN §10; decision 0054): the same
// scenarios run on node, Express, Fastify and Hono, over real HTTP, with one listed front end.
import assert from 'node:assert/strict';
import { PASSWORD, SESSION_COOKIE, cookieFrom, type HttpResult } from './harness.js';
import type { Scenario } from './scenarios.js';

/** The front end the scenarios list in `corsOrigins`. */
export const CORS_ORIGIN = 'https://spa.example.net';
const corsOrigins = [CORS_ORIGIN];

function assertAllowed(result: HttpResult, origin = CORS_ORIGIN): void {
  assert.equal(result.headers['access-control-allow-origin'], origin);
  assert.equal(result.headers['access-control-allow-credentials'], 'true');
  assert.match(String(result.headers['vary']), /\bOrigin\b/);
}

function assertNotAllowed(result: HttpResult): void {
  assert.equal(result.headers['access-control-allow-origin'], undefined);
  assert.equal(result.headers['access-control-allow-credentials'], undefined);
  assert.equal(result.headers['access-control-allow-methods'], undefined);
  assert.equal(result.headers['access-control-allow-headers'], undefined);
}

function preflight(method: string, origin = CORS_ORIGIN): Record<string, string> {
  return {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': 'content-type, authorization',
    'sec-fetch-site': 'cross-site',
  };
}

export const corsScenarios: readonly Scenario[] = [
  {
    name: 'CORS: a listed origin reads a 401 problem, with the challenge exposed',
    corsOrigins,
    async run(client) {
      const result = await client.send('GET', '/auth/me', { headers: { origin: CORS_ORIGIN } });
      assert.equal(result.status, 401);
      assert.equal(result.json.code, 'unauthenticated');
      assertAllowed(result);
      const exposed = String(result.headers['access-control-expose-headers']).toLowerCase();
      assert.match(exposed, /www-authenticate/);
      assert.match(exposed, /retry-after/);
    },
  },
  {
    name: 'CORS: a preflight from a listed origin answers 204 with the route methods and headers',
    corsOrigins,
    async run(client) {
      const cases: [string, string, string[]][] = [
        ['/auth/login', 'POST', ['POST']],
        ['/auth/sessions/abc', 'DELETE', ['DELETE']],
        ['/.well-known/jwks.json', 'GET', ['GET', 'HEAD']],
        ['/admin/users/abc', 'GET', ['GET', 'HEAD']],
        ['/admin/users/abc/roles', 'PUT', ['PUT']],
      ];
      for (const [path, method, methods] of cases) {
        const result = await client.send('OPTIONS', path, { headers: preflight(method) });
        assert.equal(result.status, 204, `${path}: ${result.text}`);
        assert.equal(result.text, '');
        assertAllowed(result);
        const allowed = String(result.headers['access-control-allow-methods'])
          .split(',')
          .map((each) => each.trim());
        assert.deepEqual(allowed, methods, path);
        const headers = String(result.headers['access-control-allow-headers']).toLowerCase();
        assert.match(headers, /content-type/);
        assert.match(headers, /authorization/);
        assert.match(String(result.headers['access-control-max-age']), /^\d+$/);
      }
    },
  },
  {
    name: 'CORS: an unlisted, look-alike or null origin gets no allow headers, preflight or not',
    corsOrigins,
    async run(client) {
      for (const origin of [
        'https://evil.example',
        'https://spa.example.net.evil.example',
        'http://spa.example.net',
        'null',
      ]) {
        const check = await client.send('OPTIONS', '/auth/me', { headers: preflight('GET', origin) });
        assert.equal(check.status, 204, origin);
        assertNotAllowed(check);
        const actual = await client.send('GET', '/auth/me', { headers: { origin } });
        assert.equal(actual.status, 401);
        assertNotAllowed(actual);
        assert.match(String(actual.headers['vary']), /\bOrigin\b/, 'caches keep origins apart');
      }
    },
  },
  {
    name: 'CORS: OPTIONS on an unknown path stays 404 not_found',
    corsOrigins,
    async run(client) {
      const result = await client.send('OPTIONS', '/auth/no-such-route', { headers: preflight('GET') });
      assert.equal(result.status, 404);
      assert.equal(result.json.code, 'not_found');
    },
  },
  {
    name: 'CORS: a listed origin is trusted for CSRF: cross-site login, cookie-authenticated logout',
    corsOrigins,
    async run(client) {
      const email = client.email();
      await client.register(email);
      const headers = { origin: CORS_ORIGIN, 'sec-fetch-site': 'cross-site' };
      const login = await client.send('POST', '/auth/login', {
        body: { email, password: PASSWORD },
        headers,
      });
      assert.equal(login.status, 200, login.text);
      assertAllowed(login);
      const token = cookieFrom(login, SESSION_COOKIE)!;
      const me = await client.send('GET', '/auth/me', { headers, cookies: { [SESSION_COOKIE]: token } });
      assert.equal(me.status, 200);
      assertAllowed(me);
      const logout = await client.send('POST', '/auth/logout', {
        headers,
        cookies: { [SESSION_COOKIE]: token },
      });
      assert.equal(logout.status, 204, logout.text);
      assertAllowed(logout);
      const evil = await client.send('POST', '/auth/login', {
        body: { email, password: PASSWORD },
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(evil.status, 403);
      assert.equal(evil.json.code, 'csrf_rejected');
      assertNotAllowed(evil);
    },
  },
  {
    // Decision 0070: the 413 an adapter writes before core sees the request is Tessera's answer too.
    name: "CORS: the adapter's own 413 (declared or streamed body) carries the allow headers for a listed origin only",
    corsOrigins,
    async run(client) {
      const huge = JSON.stringify({ email: client.email(), password: 'x'.repeat(70_000) });
      for (const chunked of [false, true]) {
        for (const origin of [CORS_ORIGIN, 'https://evil.example', 'null']) {
          const result = await client.send('POST', '/auth/login', {
            rawBody: huge,
            headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'cross-site' },
            chunked,
          });
          assert.equal(result.status, 413, `${origin} chunked=${chunked}: ${result.text}`);
          assert.equal(result.json.code, 'payload_too_large');
          assert.match(String(result.headers['vary']), /\bOrigin\b/, 'caches keep origins apart');
          if (origin === CORS_ORIGIN) assertAllowed(result);
          else assertNotAllowed(result);
        }
      }
    },
  },
  {
    // Decision 0070: a front end on a listed origin must read an app route's 401 to refresh and retry.
    name: "CORS: an app route's 401 and 403 from the guards, and its 401 for a dead cookie, carry the allow headers for a listed origin only",
    corsOrigins,
    async run(client) {
      const token = await client.signUp();
      const forged = `${'A'.repeat(22)}.${'B'.repeat(43)}`;
      for (const origin of [CORS_ORIGIN, 'https://evil.example', 'http://spa.example.net']) {
        const headers = { origin, 'sec-fetch-site': 'cross-site' };
        const anonymous = await client.send('GET', '/api/profile', { headers });
        assert.equal(anonymous.status, 401, anonymous.text);
        assert.equal(anonymous.json.code, 'unauthenticated');
        assert.equal(anonymous.headers['www-authenticate'], 'Bearer realm="tessera"');
        const dead = await client.send('GET', '/api/public', {
          headers,
          cookies: { [SESSION_COOKIE]: forged },
        });
        assert.equal(dead.status, 401, dead.text);
        for (const result of [anonymous, dead]) {
          assert.match(String(result.headers['vary']), /\bOrigin\b/, 'caches keep origins apart');
          if (origin !== CORS_ORIGIN) {
            assertNotAllowed(result);
            continue;
          }
          assertAllowed(result);
          assert.match(String(result.headers['access-control-expose-headers']), /www-authenticate/i);
        }
      }
      // Signed in without the role: the guard's 403, readable by the listed front end (trusted for CSRF).
      const forbidden = await client.send('POST', '/api/admin', {
        headers: { origin: CORS_ORIGIN, 'sec-fetch-site': 'cross-site' },
        cookies: { [SESSION_COOKIE]: token },
      });
      assert.equal(forbidden.status, 403, forbidden.text);
      assert.equal(forbidden.json.code, 'forbidden');
      assertAllowed(forbidden);
      // The app's own answers stay the app's: Tessera adds nothing to a 200 it did not write.
      const profile = await client.send('GET', '/api/profile', {
        headers: { origin: CORS_ORIGIN },
        cookies: { [SESSION_COOKIE]: token },
      });
      assert.equal(profile.status, 200, profile.text);
      assertNotAllowed(profile);
    },
  },
  {
    name: 'CORS: without configured origins nobody gets allow headers and nothing varies',
    async run(client) {
      const check = await client.send('OPTIONS', '/auth/login', { headers: preflight('POST') });
      assert.equal(check.status, 204);
      assertNotAllowed(check);
      const actual = await client.send('GET', '/auth/me', { headers: { origin: CORS_ORIGIN } });
      assertNotAllowed(actual);
    },
  },
];
