// Hostile ID tokens and broken providers (DESIGN §8), against a real HTTP provider the test controls
// (start-hostile-provider.ts): every forged, misdirected or stale token is refused in the browser flow
// (303 /login?error=oauth_failed, no session) and on the native-app route (401 invalid_token); key
// rotation is followed; a provider that is down or hangs is a clear error within the timeout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT, type JWTPayload } from 'jose';
import { ACCESS_COOKIE, REFRESH_COOKIE, SESSION_COOKIE, uniqueEmail, type TestServer } from './harness.js';
import { TestBrowser, type Hop } from './oauth/drive-browser.js';
import { newSigningKey, startHostileProvider, type HostileProvider } from './oauth/start-hostile-provider.js';
import { freePort, setCookieValue, startTesseraWithProviders } from './oauth/tessera-with-provider.js';

function assertNoSession(hop: Hop): void {
  for (const name of [SESSION_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE]) {
    const value = setCookieValue(hop, name);
    assert.ok(value === null || value === '', `${name} must not be set`);
  }
}

function without(claims: JWTPayload, name: string): JWTPayload {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The ways an ID token can be wrong, each with the claims (or the signing) that make it so. */
function hostileTokens(
  provider: HostileProvider,
  nonce: string | null,
): Record<string, () => Promise<string>> {
  const valid = (overrides: JWTPayload = {}) =>
    provider.claims({ ...(nonce === null ? {} : { nonce }), ...overrides });
  const now = Math.floor(Date.now() / 1000);
  return {
    'signed by another key (same kid)': async () => {
      const other = await newSigningKey();
      return new SignJWT(valid())
        .setProtectedHeader({ alg: 'RS256', kid: provider.key.kid })
        .sign(other.privateKey);
    },
    'alg none': () => Promise.resolve(`${base64url({ alg: 'none' })}.${base64url(valid())}.`),
    'HS256 keyed with the client secret': () =>
      new SignJWT(valid())
        .setProtectedHeader({ alg: 'HS256', kid: provider.key.kid })
        .sign(new TextEncoder().encode(provider.clientSecret)),
    'wrong iss': () => provider.sign(valid({ iss: 'https://accounts.example.com' })),
    'wrong aud': () => provider.sign(valid({ aud: 'another-client' })),
    'azp of another client': () => provider.sign(valid({ aud: [provider.clientId, 'other'], azp: 'other' })),
    expired: () => provider.sign(valid({ iat: now - 4000, exp: now - 3600 })),
    'issued in the future': () => provider.sign(valid({ iat: now + 3600, exp: now + 7200 })),
    'no exp': () => provider.sign(without(valid(), 'exp')),
    'no sub': () => provider.sign(without(valid(), 'sub')),
    'another nonce': () => provider.sign(valid({ nonce: 'not-the-nonce-that-was-sent' })),
    'a tampered payload': async () => {
      const [header, , signature] = (await provider.sign(valid())).split('.');
      return `${header}.${base64url(valid({ sub: 'someone-else' }))}.${signature}`;
    },
  };
}

describe('hostile ID tokens and broken providers', () => {
  let provider: HostileProvider;
  let tessera: TestServer;
  const email = uniqueEmail('hostile');

  before(async () => {
    provider = await startHostileProvider('hostile-subject', email);
    tessera = await startTesseraWithProviders(await freePort(), [
      {
        id: 'hostile',
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        audiences: ['ios-app'],
      },
    ]);
  });

  after(async () => {
    await tessera.close();
    await provider.close();
  });

  /** One browser flow whose token endpoint answers with `mint`'s ID token. */
  async function browserFlow(mint?: (nonce: string | null) => Promise<string>): Promise<Hop> {
    provider.mint =
      mint === undefined
        ? ({ nonce }) => provider.sign(provider.claims(nonce === null ? {} : { nonce }))
        : ({ nonce }) => mint(nonce);
    const browser = new TestBrowser();
    const start = await browser.get(`${tessera.url}/auth/oauth/hostile`);
    assert.equal(start.status, 302, start.text);
    const authorized = await browser.get(start.location!);
    assert.equal(authorized.status, 302);
    return browser.get(authorized.location!);
  }

  it('a valid ID token signs in (the baseline the hostile ones differ from)', async () => {
    const callback = await browserFlow();
    assert.equal(callback.status, 303);
    assert.equal(callback.location, `${tessera.url}/`);
    assert.ok(setCookieValue(callback, SESSION_COOKIE));
  });

  it('every hostile ID token in the browser flow: 303 /login?error=oauth_failed and no session', async () => {
    for (const [name] of Object.entries(hostileTokens(provider, null))) {
      const callback = await browserFlow((nonce) => hostileTokens(provider, nonce)[name]!());
      assert.equal(callback.status, 303, name);
      assert.equal(callback.location, `${tessera.url}/login?error=oauth_failed`, name);
      assertNoSession(callback);
    }
    // No token, no secret in the log.
    for (const line of tessera.logger.lines) assert.doesNotMatch(line, /eyJ|hostile-client-secret/);
  });

  it('a rotated provider key is fetched and used', async () => {
    assert.equal((await browserFlow()).location, `${tessera.url}/`);
    const fetchesBefore = provider.jwksFetches;
    await provider.rotate();
    // An unknown kid refetches the key set once the cool-down (5 s) after the last fetch has passed.
    await sleep(5500);
    const callback = await browserFlow();
    assert.equal(callback.location, `${tessera.url}/`);
    assert.ok(setCookieValue(callback, SESSION_COOKIE));
    assert.ok(provider.jwksFetches > fetchesBefore);
  });

  it('a token endpoint that hangs or fails: oauth_failed within the timeout, no session', async () => {
    for (const mode of ['hang', 'fail'] as const) {
      const browser = new TestBrowser();
      provider.mint = ({ nonce }) => provider.sign(provider.claims(nonce === null ? {} : { nonce }));
      const start = await browser.get(`${tessera.url}/auth/oauth/hostile`);
      const authorized = await browser.get(start.location!);
      provider.mode = mode;
      try {
        const callback = await browser.get(authorized.location!);
        assert.equal(callback.location, `${tessera.url}/login?error=oauth_failed`, mode);
        assertNoSession(callback);
      } finally {
        provider.mode = 'normal';
      }
    }
  });

  it('a provider that is down or hangs at discovery: 503 provider_unavailable, never a hang', async () => {
    const hanging = await startHostileProvider('x', uniqueEmail('hang'));
    hanging.mode = 'hang';
    const downPort = await freePort();
    const server = await startTesseraWithProviders(await freePort(), [
      { id: 'down', issuer: `http://127.0.0.1:${downPort}`, clientId: 'c', clientSecret: 's' },
      { id: 'hanging', issuer: hanging.issuer, clientId: 'c', clientSecret: 's' },
    ]);
    try {
      for (const id of ['down', 'hanging']) {
        const start = await server.send('GET', `/auth/oauth/${id}`);
        assert.equal(start.status, 503, id);
        assert.equal((start.json as { code: string }).code, 'provider_unavailable');
        const native = await server.send('POST', `/auth/oauth/${id}/id-token`, {
          body: { idToken: 'a.b.c' },
        });
        assert.equal(native.status, 503, id);
      }
    } finally {
      await server.close();
      await hanging.close();
    }
  });

  describe('POST /auth/oauth/:provider/id-token (native apps)', () => {
    it('a valid ID token answers like login: cookie by default, tokens with transport bearer', async () => {
      const sub = `native-${Date.now()}`;
      const address = uniqueEmail('native');
      const cookie = await tessera.send('POST', '/auth/oauth/hostile/id-token', {
        body: { idToken: await provider.sign(provider.claims({ sub, email: address })) },
      });
      assert.equal(cookie.status, 200, cookie.text);
      const body = cookie.json as { user: { email: string; id: string }; session: { transport: string } };
      assert.equal(body.user.email, address);
      assert.equal(body.session.transport, 'cookie');
      assert.ok(setCookieValue({ ...cookie, location: null }, SESSION_COOKIE));

      // An app client's id in `audiences` (with its azp), and a nonce the app checks.
      const bearer = await tessera.send('POST', '/auth/oauth/hostile/id-token', {
        body: {
          idToken: await provider.sign(
            provider.claims({ sub, email: address, aud: 'ios-app', azp: 'ios-app', nonce: 'n-1' }),
          ),
          nonce: 'n-1',
          transport: 'bearer',
        },
      });
      assert.equal(bearer.status, 200, bearer.text);
      const tokens = bearer.json as {
        user: { id: string };
        access_token: string;
        token_type: string;
        refresh_token: string;
      };
      assert.equal(tokens.user.id, body.user.id);
      assert.equal(tokens.token_type, 'Bearer');
      assert.ok(tokens.access_token && tokens.refresh_token);
      const me = await tessera.send('GET', '/auth/me', { bearer: tokens.access_token });
      assert.equal(me.status, 200);
    });

    it('every hostile ID token, another audience, or a nonce that differs: 401 invalid_token, no cookie', async () => {
      const cases = hostileTokens(provider, 'n-2');
      cases['an audience that is not configured'] = () =>
        provider.sign(provider.claims({ aud: 'android-app' }));
      cases['garbage'] = () => Promise.resolve('not-a-jwt');
      for (const [name, make] of Object.entries(cases)) {
        const result = await tessera.send('POST', '/auth/oauth/hostile/id-token', {
          body: { idToken: await make(), nonce: 'n-2' },
        });
        assert.equal(result.status, 401, `${name}: ${result.text}`);
        assert.equal((result.json as { code: string }).code, 'invalid_token', name);
        assert.equal(result.setCookies.length, 0, name);
      }
    });

    it('an address another account has: 409 account_exists; a malformed body: 400; cross-site: 403', async () => {
      const taken = uniqueEmail('native-taken');
      await tessera.register(taken);
      const exists = await tessera.send('POST', '/auth/oauth/hostile/id-token', {
        body: { idToken: await provider.sign(provider.claims({ sub: `taken-${Date.now()}`, email: taken })) },
      });
      assert.equal(exists.status, 409);
      assert.equal((exists.json as { code: string }).code, 'account_exists');
      assert.equal(exists.setCookies.length, 0);

      for (const body of [{}, { idToken: 42 }, { idToken: 'a.b.c', transport: 'carrier-pigeon' }]) {
        const bad = await tessera.send('POST', '/auth/oauth/hostile/id-token', { body });
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.equal((bad.json as { code: string }).code, 'invalid_request');
      }
      const crossSite = await tessera.send('POST', '/auth/oauth/hostile/id-token', {
        body: { idToken: await provider.sign(provider.claims()) },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.status, 403);
      assert.equal((crossSite.json as { code: string }).code, 'csrf_rejected');
    });
  });
});
