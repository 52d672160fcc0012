import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestTessera } from '../../test/harness.js';
import { createTesseraHttp } from './create-tessera-http.js';

describe('createTesseraHttp', () => {
  it('throws TypeError at start-up for a bad body limit or cookie mode', async () => {
    const test = await createTestTessera('session');
    try {
      const base = {
        deps: test.deps,
        trustedOrigins: new Set<string>(),
        trustProxy: { kind: 'none' } as const,
      };
      for (const bodyLimitBytes of [0, -1, 1.5, Number.NaN]) {
        assert.throws(() => createTesseraHttp({ ...base, cookieMode: 'session', bodyLimitBytes }), TypeError);
      }
      assert.throws(() => createTesseraHttp({ ...base, cookieMode: 'cookie' as 'session' }), TypeError);
      assert.equal(createTesseraHttp({ ...base, cookieMode: 'jwt' }).bodyLimitBytes, 65536);
      for (const publicOrigin of [
        'app.example.com',
        'https://app.example.com/app',
        'ftp://app.example.com',
      ]) {
        assert.throws(() => createTesseraHttp({ ...base, cookieMode: 'session', publicOrigin }), TypeError);
      }
    } finally {
      await test.close();
    }
  });

  it('with publicOrigin, the other scheme on the same host is cross-site for the routes and the authenticator (DESIGN §3.1)', async () => {
    const test = await createTestTessera('session');
    try {
      const tessera = createTesseraHttp({
        deps: test.deps,
        cookieMode: 'session',
        trustedOrigins: new Set<string>(),
        trustProxy: { kind: 'none' },
        publicOrigin: 'http://app.test:8080',
      });
      const request = (origin: string) => ({
        method: 'POST',
        path: '/auth/login',
        headers: { host: 'app.test:8080', origin, 'content-type': 'application/json' },
        body: new TextEncoder().encode('{"email":"nobody@example.com","password":"not the password"}'),
        peerAddress: '127.0.0.1',
        signal: new AbortController().signal,
      });
      const otherScheme = await tessera.handle(request('https://app.test:8080'));
      assert.equal(otherScheme.status, 403);
      assert.match(otherScheme.body ?? '', /csrf_rejected/);
      assert.equal(
        (await tessera.handle(request('http://app.test:8080'))).status,
        401,
        'the own origin passes',
      );
      const withCookie = (origin: string) => ({
        ...request(origin),
        path: '/api/orders',
        headers: { ...request(origin).headers, cookie: '__Host-tessera-session=a.b' },
      });
      const refused = await tessera.authenticate(withCookie('https://app.test:8080'));
      assert.equal(refused.kind === 'refused' ? refused.response.status : refused.kind, 403);
    } finally {
      await test.close();
    }
  });
});
