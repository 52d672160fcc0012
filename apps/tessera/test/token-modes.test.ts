import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACCESS_COOKIE,
  cookieFrom,
  PASSWORD,
  REFRESH_COOKIE,
  sessionCookieFrom,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';

/** Logs in with the bearer transport and returns the OAuth-shaped body. */
async function bearerLogin(server: TestServer, email: string, password = PASSWORD) {
  const result = await server.send('POST', '/auth/login', { body: { email, password, transport: 'bearer' } });
  assert.equal(result.status, 200, result.text);
  return result.json as {
    access_token: string;
    refresh_token: string;
    token_type: string;
    expires_in: number;
  };
}

function refresh(server: TestServer, refreshToken: string): Promise<HttpResult> {
  return server.send('POST', '/auth/refresh', { body: { refresh_token: refreshToken } });
}

function assertTokenRefusal(result: HttpResult, code: string): void {
  assert.equal(result.status, 401, result.text);
  assert.equal(result.json.code, code);
  assert.equal(result.headers['www-authenticate'], 'Bearer realm="tessera", error="invalid_token"');
}

describe('bearer transport', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('login answers the OAuth-shaped token response and sets no cookie', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const result = await server.send('POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    assert.equal(result.status, 200);
    assert.equal(result.setCookies.length, 0);
    assert.equal(result.json.token_type, 'Bearer');
    assert.equal(result.json.expires_in, 900);
    assert.match(result.json.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(result.json.refresh_token, /^rt\.[\w-]{22}\.[\w-]{43}$/);
    assert.equal(result.json.session.transport, 'bearer');
    const [header, payload] = (result.json.access_token as string)
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'at+jwt');
    assert.equal(typeof header.kid, 'string');
    assert.deepEqual(Object.keys(payload).sort(), [
      'amr',
      'aud',
      'auth_time',
      'exp',
      'iat',
      'iss',
      'jti',
      'roles',
      'sid',
      'sub',
    ]);
    assert.equal(payload.sub, result.json.user.id, 'sub is the opaque user id');
    assert.notEqual(payload.sub, email);
    assert.equal(payload.sid, result.json.session.id);
    assert.equal(payload.exp - payload.iat, 900);
  });

  it('register accepts the bearer transport too', async () => {
    const result = await server.send('POST', '/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD, transport: 'bearer' },
    });
    assert.equal(result.status, 201);
    assert.equal(typeof result.json.access_token, 'string');
  });

  it('login → use → refresh → use → logout, and the access token dies at logout, not at exp', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const tokens = await bearerLogin(server, email);
    const me = await server.send('GET', '/auth/me', { bearer: tokens.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.json.user.email, email);
    const refreshed = await refresh(server, tokens.refresh_token);
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.json.refresh_token, tokens.refresh_token);
    assert.equal((await server.send('GET', '/auth/me', { bearer: refreshed.json.access_token })).status, 200);
    assert.equal(
      (await server.send('POST', '/auth/logout', { bearer: refreshed.json.access_token })).status,
      204,
    );
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: refreshed.json.access_token }),
      'session_revoked',
    );
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: tokens.access_token }),
      'session_revoked',
    );
    assertTokenRefusal(await refresh(server, refreshed.json.refresh_token), 'invalid_token');
  });

  it('an access token expires at exp (plus the 60 s leeway) with token_expired', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const tokens = await bearerLogin(server, email);
    server.clock.advanceSeconds(900 + 59);
    assert.equal((await server.send('GET', '/auth/me', { bearer: tokens.access_token })).status, 200);
    server.clock.advanceSeconds(2);
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: tokens.access_token }),
      'token_expired',
    );
    const refreshed = await refresh(server, tokens.refresh_token);
    assert.equal(refreshed.status, 200, 'the refresh token outlives the access token');
  });

  it('a token used often enough to be cached by the server still dies at revocation and at exp', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const revoked = await bearerLogin(server, email);
    const expiring = await bearerLogin(server, email);
    // The verifier keeps a token after its second full verification; use both several times.
    for (let i = 0; i < 4; i += 1) {
      assert.equal((await server.send('GET', '/auth/me', { bearer: revoked.access_token })).status, 200);
      assert.equal((await server.send('GET', '/auth/me', { bearer: expiring.access_token })).status, 200);
    }
    assert.equal((await server.send('POST', '/auth/logout', { bearer: revoked.access_token })).status, 204);
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: revoked.access_token }),
      'session_revoked',
    );
    server.clock.advanceSeconds(900 + 61);
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: expiring.access_token }),
      'token_expired',
    );
  });

  it('a password change kills the refresh token a thief may hold, and hands the client a new one (issue 11, defect 12)', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const tokens = await bearerLogin(server, email);
    const changed = await server.send('POST', '/auth/password', {
      bearer: tokens.access_token,
      body: { currentPassword: PASSWORD, newPassword: 'stolen token passphrase 6' },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.setCookies.length, 0);
    assert.equal(changed.json.token_type, 'Bearer');
    assert.equal(
      changed.json.session.id,
      JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString()).sid,
      'same session',
    );
    assert.match(changed.json.refresh_token, /^rt\./);
    assert.notEqual(changed.json.refresh_token, tokens.refresh_token);

    // Past the reuse grace too: the old token is dead, not reuse (which would revoke the session).
    server.clock.advanceSeconds(11);
    assertTokenRefusal(await refresh(server, tokens.refresh_token), 'invalid_token');
    assert.equal(
      (await server.send('GET', '/auth/me', { bearer: tokens.access_token })).status,
      200,
      'the access token stays valid',
    );
    assert.equal((await server.send('GET', '/auth/me', { bearer: changed.json.access_token })).status, 200);
    const renewed = await refresh(server, changed.json.refresh_token);
    assert.equal(renewed.status, 200, 'the new chain works');
  });

  it('revocations reach access tokens at once: logout-all, device removal, password change', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const a = await bearerLogin(server, email);
    const b = await bearerLogin(server, email);
    const c = await bearerLogin(server, email);
    const sidOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;

    assert.equal(
      (await server.send('DELETE', `/auth/sessions/${sidOf(b.access_token)}`, { bearer: a.access_token }))
        .status,
      204,
    );
    assertTokenRefusal(await server.send('GET', '/auth/me', { bearer: b.access_token }), 'session_revoked');

    const changed = await server.send('POST', '/auth/password', {
      bearer: a.access_token,
      body: { currentPassword: PASSWORD, newPassword: 'fresh bearer passphrase 5' },
    });
    assert.equal(changed.status, 200);
    assert.equal(
      (await server.send('GET', '/auth/me', { bearer: a.access_token })).status,
      200,
      'this device stays in',
    );
    assertTokenRefusal(await server.send('GET', '/auth/me', { bearer: c.access_token }), 'session_revoked');

    const d = await bearerLogin(server, email, 'fresh bearer passphrase 5');
    assert.equal((await server.send('POST', '/auth/logout-all', { bearer: d.access_token })).status, 204);
    for (const tokens of [a, d]) {
      assertTokenRefusal(
        await server.send('GET', '/auth/me', { bearer: tokens.access_token }),
        'session_revoked',
      );
    }
  });

  it('tokens are not interchangeable: access ≠ refresh ≠ session token', async () => {
    const email = uniqueEmail();
    const sessionToken = await server.register(email);
    const tokens = await bearerLogin(server, email);
    assertTokenRefusal(await refresh(server, tokens.access_token), 'invalid_token');
    assertTokenRefusal(await refresh(server, sessionToken), 'invalid_token');
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: tokens.refresh_token }),
      'invalid_token',
    );
    assertTokenRefusal(await server.send('GET', '/auth/me', { bearer: sessionToken }), 'invalid_token');
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: tokens.refresh_token.slice(3) })).status,
      401,
    );
  });

  it('tampered and forged access tokens are refused with invalid_token', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { access_token: token } = await bearerLogin(server, email);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const noneHeader = Buffer.from(
      JSON.stringify({
        alg: 'none',
        typ: 'at+jwt',
        kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid,
      }),
    ).toString('base64url');
    // Change one character in the middle of the signature (never a no-op: pick a different letter).
    const middle = Math.floor(signature.length / 2);
    const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
    for (const forged of [
      `${header}.${escalated}.${signature}`,
      `${noneHeader}.${payload}.`,
      `${noneHeader}.${escalated}.${signature}`,
      `${header}.${payload}.${flipped}`,
      `${header}.${payload}`,
      'not-a-jwt',
    ]) {
      assertTokenRefusal(await server.send('GET', '/auth/me', { bearer: forged }), 'invalid_token');
    }
    const malformed = await server.send('GET', '/auth/me', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    assertTokenRefusal(malformed, 'invalid_token');
  });
});

describe('refresh rotation, reuse detection and races', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_REFRESH_REUSE_GRACE: '10' });
  });
  after(() => server.close());

  it('within the grace, the just-rotated token returns the same successor (no fork, no logout)', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { refresh_token: r0 } = await bearerLogin(server, email);
    const first = await refresh(server, r0);
    server.clock.advanceSeconds(5);
    const replay = await refresh(server, r0);
    assert.equal(replay.status, 200);
    assert.equal(replay.json.refresh_token, first.json.refresh_token);
    server.clock.advanceSeconds(5);
    assert.equal(
      (await refresh(server, r0)).json.refresh_token,
      first.json.refresh_token,
      'replays do not restart the grace',
    );
    server.clock.advanceSeconds(1);
    assertTokenRefusal(await refresh(server, r0), 'refresh_token_reused');
    assertTokenRefusal(await refresh(server, first.json.refresh_token), 'invalid_token');
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: first.json.access_token }),
      'session_revoked',
    );
  });

  it('an older token of the chain is reuse at once: the whole session is revoked', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { refresh_token: r0 } = await bearerLogin(server, email);
    const r1 = (await refresh(server, r0)).json.refresh_token as string;
    const second = await refresh(server, r1);
    const r2 = second.json.refresh_token as string;
    assertTokenRefusal(await refresh(server, r0), 'refresh_token_reused');
    assertTokenRefusal(await refresh(server, r2), 'invalid_token');
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { bearer: second.json.access_token }),
      'session_revoked',
    );
    const userId = second.json.user.id as string;
    const events = await server.store.listAuditEvents({
      userId,
      type: 'refresh_token.reused',
      before: null,
      limit: 5,
    });
    assert.equal(events.length, 1);
  });

  it('a forged secret for a real session is invalid_token and revokes nothing', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const tokens = await bearerLogin(server, email);
    const forged = `${tokens.refresh_token.slice(0, 26)}${'A'.repeat(43)}`;
    assertTokenRefusal(await refresh(server, forged), 'invalid_token');
    assert.equal((await server.send('GET', '/auth/me', { bearer: tokens.access_token })).status, 200);
    assert.equal((await refresh(server, tokens.refresh_token)).status, 200);
  });

  it('ten truly concurrent refreshes with one token all succeed with the same successor', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { refresh_token: r0 } = await bearerLogin(server, email);
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(server, r0)));
    for (const result of results) assert.equal(result.status, 200, result.text);
    const successors = new Set(results.map((result) => result.json.refresh_token as string));
    assert.equal(successors.size, 1, 'the chain did not fork');
    const [successor] = successors;
    const next = await refresh(server, successor!);
    assert.equal(next.status, 200, 'the one successor carries the chain on');
  });

  it('with a grace of 0 (strict), replaying a rotated token is reuse', async () => {
    const strict = await startTestServer({ TESSERA_REFRESH_REUSE_GRACE: '0' });
    try {
      const email = uniqueEmail();
      await strict.register(email);
      const { refresh_token: r0 } = await bearerLogin(strict, email);
      assert.equal((await refresh(strict, r0)).status, 200);
      strict.clock.advanceSeconds(1);
      assertTokenRefusal(await refresh(strict, r0), 'refresh_token_reused');
    } finally {
      await strict.close();
    }
  });

  it('/auth/refresh with nothing presented is 401 unauthenticated', async () => {
    const result = await server.send('POST', '/auth/refresh');
    assert.equal(result.status, 401);
    assert.equal(result.json.code, 'unauthenticated');
  });
});

describe('jwt cookie mode (TESSERA_COOKIE_MODE=jwt)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_COOKIE_MODE: 'jwt' });
  });
  after(() => server.close());

  async function browserLogin(email: string) {
    const result = await server.login(email);
    assert.equal(result.status, 200, result.text);
    return {
      access: cookieFrom(result, ACCESS_COOKIE)!,
      refresh: cookieFrom(result, REFRESH_COOKIE)!,
      result,
    };
  }

  it('login sets the access and refresh cookies with exactly the default attributes', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { result } = await browserLogin(email);
    assert.equal(result.json.session.transport, 'jwt-cookie');
    assert.equal(result.json.access_token, undefined, 'no token in the body of a cookie login');
    const access = result.setCookies.find((line) => line.startsWith(`${ACCESS_COOKIE}=`))!;
    const refreshLine = result.setCookies.find((line) => line.startsWith(`${REFRESH_COOKIE}=`))!;
    const attrs = (line: string) =>
      line
        .split('; ')
        .slice(1)
        .map((a) => a.toLowerCase());
    for (const expected of ['path=/', 'max-age=900', 'httponly', 'secure', 'samesite=lax']) {
      assert.ok(attrs(access).includes(expected), `access cookie lacks ${expected}`);
    }
    for (const expected of ['path=/auth/refresh', 'httponly', 'secure', 'samesite=lax', 'max-age=7200']) {
      assert.ok(attrs(refreshLine).includes(expected), `refresh cookie lacks ${expected}`);
    }
    assert.ok(!attrs(access).some((a) => a.startsWith('domain=')));
    assert.equal(sessionCookieFrom(result), null, 'no session cookie in jwt mode');
  });

  it('use → expire → refresh from the cookie → use → logout clears everything', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { access, refresh: refreshToken } = await browserLogin(email);
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: access } })).status,
      200,
    );
    server.clock.advanceSeconds(1000);
    const expired = await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: access } });
    assertTokenRefusal(expired, 'token_expired');
    assert.equal(expired.setCookies.length, 0, 'an expired access cookie is left for the refresh to replace');
    const refreshed = await server.send('POST', '/auth/refresh', {
      cookies: { [REFRESH_COOKIE]: refreshToken },
    });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal(refreshed.json.access_token, undefined);
    const newAccess = cookieFrom(refreshed, ACCESS_COOKIE)!;
    const newRefresh = cookieFrom(refreshed, REFRESH_COOKIE)!;
    assert.ok(newAccess && newRefresh && newRefresh !== refreshToken);
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: newAccess } })).status,
      200,
    );
    const logout = await server.send('POST', '/auth/logout', { cookies: { [ACCESS_COOKIE]: newAccess } });
    assert.equal(logout.status, 204);
    assert.equal(cookieFrom(logout, ACCESS_COOKIE), '');
    assert.equal(cookieFrom(logout, REFRESH_COOKIE), '');
    assertTokenRefusal(
      await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: newAccess } }),
      'session_revoked',
    );
    const dead = await server.send('POST', '/auth/refresh', { cookies: { [REFRESH_COOKIE]: newRefresh } });
    assertTokenRefusal(dead, 'invalid_token');
    assert.equal(cookieFrom(dead, REFRESH_COOKIE), '', 'a dead refresh cookie is cleared');
  });

  it('refresh from a cookie is CSRF-checked like any cookie-authenticated request', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { refresh: refreshToken } = await browserLogin(email);
    const result = await server.send('POST', '/auth/refresh', {
      cookies: { [REFRESH_COOKIE]: refreshToken },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(result.status, 403);
    assert.equal(result.json.code, 'csrf_rejected');
  });

  it('a password change re-issues both cookies; the old refresh token is dead, not reuse', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const { access, refresh: oldRefresh } = await browserLogin(email);
    const changed = await server.send('POST', '/auth/password', {
      cookies: { [ACCESS_COOKIE]: access },
      body: { currentPassword: PASSWORD, newPassword: 'jwt mode new passphrase' },
    });
    assert.equal(changed.status, 204, changed.text);
    const newAccess = cookieFrom(changed, ACCESS_COOKIE)!;
    const newRefresh = cookieFrom(changed, REFRESH_COOKIE)!;
    assert.ok(newAccess && newRefresh);
    assert.equal(
      (await server.send('GET', '/auth/me', { cookies: { [ACCESS_COOKIE]: newAccess } })).status,
      200,
    );
    assertTokenRefusal(
      await server.send('POST', '/auth/refresh', { body: { refresh_token: oldRefresh } }),
      'invalid_token',
    );
    assert.equal(
      (await server.send('POST', '/auth/refresh', { cookies: { [REFRESH_COOKIE]: newRefresh } })).status,
      200,
    );
  });

  it('a bearer login still works next to jwt cookies', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const tokens = await bearerLogin(server, email);
    assert.equal((await server.send('GET', '/auth/me', { bearer: tokens.access_token })).status, 200);
  });
});

describe('signing keys and the JWKS', () => {
  it('publishes public members only, with cache headers', async () => {
    const server = await startTestServer();
    try {
      const result = await server.send('GET', '/.well-known/jwks.json');
      assert.equal(result.status, 200);
      assert.match(String(result.headers['cache-control']), /public, max-age=\d+/);
      assert.equal(result.json.keys.length, 1);
      const [key] = result.json.keys;
      assert.deepEqual(Object.keys(key).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      assert.equal(key.alg, 'EdDSA');
      assert.equal(key.use, 'sig');
      assert.equal(key.d, undefined);
      const stored = await server.store.listSigningKeys();
      assert.equal(stored.length, 1);
      assert.ok(!stored[0]!.privateJwkCiphertext.includes('"d"'), 'the private key is encrypted at rest');
    } finally {
      await server.close();
    }
  });

  it('rotation: the new key is published before it signs; old tokens verify until they expire', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      await server.register(email);
      const old = await bearerLogin(server, email);
      const oldKid = JSON.parse(Buffer.from(old.access_token.split('.')[0]!, 'base64url').toString())
        .kid as string;
      const added = await server.running.deps.tokens.keyRing.rotate(300);
      const jwks = (await server.send('GET', '/.well-known/jwks.json')).json.keys.map(
        (k: { kid: string }) => k.kid,
      );
      assert.deepEqual(new Set(jwks), new Set([oldKid, added.kid]), 'published before it signs');
      const stillOld = await bearerLogin(server, email);
      assert.equal(
        JSON.parse(Buffer.from(stillOld.access_token.split('.')[0]!, 'base64url').toString()).kid,
        oldKid,
      );

      server.clock.advanceSeconds(300);
      const fresh = await bearerLogin(server, email);
      assert.equal(
        JSON.parse(Buffer.from(fresh.access_token.split('.')[0]!, 'base64url').toString()).kid,
        added.kid,
      );
      assert.equal(
        (await server.send('GET', '/auth/me', { bearer: stillOld.access_token })).status,
        200,
        'old-key tokens still verify',
      );

      server.clock.advanceSeconds(900 + 61);
      const after = (await server.send('GET', '/.well-known/jwks.json')).json.keys.map(
        (k: { kid: string }) => k.kid,
      );
      assert.deepEqual(after, [added.kid], 'the old key leaves once its last token expired');
      assert.equal((await server.send('GET', '/auth/me', { bearer: stillOld.access_token })).status, 401);
      assert.equal(
        (await server.send('GET', '/auth/me', { bearer: fresh.access_token })).status,
        401,
        'expired by now too',
      );
      const latest = await bearerLogin(server, email);
      assert.equal((await server.send('GET', '/auth/me', { bearer: latest.access_token })).status, 200);
    } finally {
      await server.close();
    }
  });
});
