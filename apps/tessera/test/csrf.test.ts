import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, SESSION_COOKIE, startTestServer, uniqueEmail, type TestServer } from './harness.js';

describe('CSRF: cross-site unsafe requests are refused (DESIGN §3.1)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_TRUSTED_ORIGINS: 'https://app.example.com' });
  });
  after(() => server.close());

  const crossSiteHeaders: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null (sandboxed frame, file:)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['a look-alike of the trusted origin', { origin: 'https://app.example.com.evil.example' }],
    ['the trusted host over http', { origin: 'http://app.example.com' }],
  ];

  for (const [name, headers] of crossSiteHeaders) {
    it(`login from ${name} → 403 csrf_rejected`, async () => {
      const email = uniqueEmail();
      await server.register(email);
      const result = await server.login(email, PASSWORD, headers);
      assert.equal(result.status, 403);
      assert.equal(result.json.code, 'csrf_rejected');
      assert.equal(result.setCookies.length, 0);
    });

    it(`logout with a session cookie from ${name} → 403 and the session survives`, async () => {
      const token = await server.register(uniqueEmail());
      const result = await server.send('POST', '/auth/logout', { cookie: token, headers });
      assert.equal(result.status, 403);
      assert.equal(result.json.code, 'csrf_rejected');
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200);
    });
  }

  it('register from a foreign origin is refused too', async () => {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(result.status, 403);
  });

  it('DELETE and password change with a cookie from another site are refused', async () => {
    const email = uniqueEmail();
    const token = await server.register(email);
    const headers = { 'sec-fetch-site': 'cross-site' };
    const del = await server.send('DELETE', `/auth/sessions/${token.split('.')[0]}`, {
      cookie: token,
      headers,
    });
    assert.equal(del.status, 403);
    const pw = await server.send('POST', '/auth/password', {
      cookie: token,
      headers,
      body: { currentPassword: PASSWORD, newPassword: 'whatever passphrase 9' },
    });
    assert.equal(pw.status, 403);
    assert.equal((await server.login(email)).status, 200, 'password unchanged');
  });

  const allowed: [string, Record<string, string>][] = [
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: none (typed URL, bookmark)', { 'sec-fetch-site': 'none' }],
    [
      'a trusted Origin, even when the browser says cross-site',
      { origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' },
    ],
    ['neither header (a non-browser client)', {}],
  ];
  for (const [name, headers] of allowed) {
    it(`passes with ${name}`, async () => {
      const email = uniqueEmail();
      await server.register(email);
      assert.equal((await server.login(email, PASSWORD, headers)).status, 200);
      const token = await server.register(uniqueEmail());
      assert.equal((await server.send('POST', '/auth/logout', { cookie: token, headers })).status, 204);
    });
  }

  it("the server's own origin (Origin host equals Host) passes", async () => {
    const email = uniqueEmail();
    await server.register(email);
    const host = new URL(server.url).host;
    const result = await server.login(email, PASSWORD, {
      origin: `http://${host}`,
      'sec-fetch-site': 'same-origin',
    });
    assert.equal(result.status, 200);
  });

  it('safe methods are never blocked: GET /auth/me from another site still answers', async () => {
    const token = await server.register(uniqueEmail());
    const result = await server.send('GET', '/auth/me', {
      headers: {
        cookie: `${SESSION_COOKIE}=${token}`,
        'sec-fetch-site': 'cross-site',
        origin: 'https://evil.example',
      },
    });
    assert.equal(result.status, 200);
  });
});

describe('own origin with TESSERA_PUBLIC_URL (issue 11, defect 10; DESIGN §3.1 "Own origin")', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_PUBLIC_URL: 'http://auth.test:8080' });
  });
  after(() => server.close());

  // The Host the browser sends to http://auth.test:8080 (this test reaches the server on loopback).
  const host = 'auth.test:8080';

  it('the other scheme on the same host and port is refused', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const result = await server.login(email, PASSWORD, { host, origin: 'https://auth.test:8080' });
    assert.equal(result.status, 403, result.text);
    assert.equal(result.json.code, 'csrf_rejected');
    const token = await server.register(uniqueEmail());
    const logout = await server.send('POST', '/auth/logout', {
      cookie: token,
      headers: { host, origin: 'https://auth.test:8080' },
    });
    assert.equal(logout.status, 403);
    assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200);
  });

  it('the public origin itself passes, and matching Host is no longer enough', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const own = await server.login(email, PASSWORD, { host, origin: 'http://auth.test:8080' });
    assert.equal(own.status, 200, own.text);
    const loopback = new URL(server.url);
    const hostMatch = await server.login(email, PASSWORD, { host: loopback.host, origin: loopback.origin });
    assert.equal(hostMatch.status, 403, 'the Host fallback is for development, without TESSERA_PUBLIC_URL');
  });
});

describe('TESSERA_PUBLIC_URL is validated', () => {
  it('accepts an http(s) origin with an optional "/", and normalizes it as browsers send it', async () => {
    const { loadConfig } = await import('../src/load-config.js');
    assert.equal(
      loadConfig({ TESSERA_PUBLIC_URL: 'https://auth.example.com/' }).http.publicOrigin,
      'https://auth.example.com',
    );
    assert.equal(
      loadConfig({ TESSERA_PUBLIC_URL: 'HTTPS://Auth.Example.com:443' }).publicUrl,
      'https://auth.example.com',
    );
    const unset = loadConfig({ HOST: '127.0.0.1', PORT: '4000' });
    assert.equal(unset.publicUrl, 'http://127.0.0.1:4000');
    assert.equal(unset.http.publicOrigin, null, 'the default is not used for the CSRF check');
  });

  it('refuses anything else, naming the variable', async () => {
    const { ConfigError, loadConfig } = await import('../src/load-config.js');
    for (const value of [
      'auth.example.com',
      '/auth',
      'ftp://auth.example.com',
      'https://auth.example.com/tessera',
      'https://auth.example.com/?x=1',
      'https://auth.example.com/#top',
      'https://user:pass@auth.example.com',
    ]) {
      assert.throws(
        () => loadConfig({ TESSERA_PUBLIC_URL: value }),
        (error: unknown) => error instanceof ConfigError && error.message.includes('TESSERA_PUBLIC_URL'),
        value,
      );
    }
  });
});
