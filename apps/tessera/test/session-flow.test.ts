import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  PASSWORD,
  SESSION_COOKIE,
  sessionCookieFrom,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from './harness.js';

describe('cookie sessions over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('register signs in with a __Host- cookie carrying exactly the default attributes', async () => {
    const email = uniqueEmail();
    const result = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
    assert.equal(result.status, 201);
    assert.equal(result.json.user.email, email);
    assert.deepEqual(Object.keys(result.json.user).sort(), [
      'createdAt',
      'email',
      'emailVerified',
      'id',
      'roles',
    ]);
    assert.deepEqual(result.json.user.roles, []);
    assert.deepEqual(Object.keys(result.json.session).sort(), [
      'amr',
      'authenticatedAt',
      'createdAt',
      'expiresAt',
      'id',
      'lastSeenAt',
      'transport',
    ]);
    assert.equal(result.json.session.transport, 'cookie');
    // DESIGN §9: a password sign-in, authenticated when the session was created.
    assert.deepEqual(result.json.session.amr, ['pwd']);
    assert.equal(result.json.session.authenticatedAt, result.json.session.createdAt);
    assert.equal(result.setCookies.length, 1);
    const [pair, ...attributes] = result.setCookies[0]!.split('; ');
    assert.match(pair!, new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}$`));
    const lower = attributes.map((a) => a.toLowerCase());
    assert.ok(lower.includes('httponly'));
    assert.ok(lower.includes('secure'));
    assert.ok(lower.includes('samesite=lax'));
    assert.ok(lower.includes('path=/'));
    assert.ok(lower.includes('max-age=7200'), 'cookie lives as long as the idle window');
    assert.ok(!lower.some((a) => a.startsWith('domain=')), '__Host- cookies have no Domain');
    // The session id in the token is the public id; the secret never appears in the body.
    const token = sessionCookieFrom(result)!;
    assert.equal(token.split('.')[0], result.json.session.id);
    assert.ok(!result.text.includes(token.split('.')[1]!));
  });

  it('login → me → sessions → logout, and the cookie is dead after logout', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const login = await server.login(email);
    assert.equal(login.status, 200);
    const token = sessionCookieFrom(login)!;
    const me = await server.send('GET', '/auth/me', { cookie: token });
    assert.equal(me.status, 200);
    assert.equal(me.json.user.email, email);
    assert.equal(me.json.session.id, token.split('.')[0]);
    const sessions = await server.send('GET', '/auth/sessions', { cookie: token });
    assert.equal(sessions.status, 200);
    assert.equal(sessions.json.sessions.length, 2, 'register and login are two devices');
    const current = sessions.json.sessions.filter((s: { current: boolean }) => s.current);
    assert.equal(current.length, 1);
    assert.deepEqual(Object.keys(current[0]).sort(), [
      'createdAt',
      'current',
      'expiresAt',
      'id',
      'ip',
      'lastSeenAt',
      'transport',
      'userAgent',
    ]);
    const logout = await server.send('POST', '/auth/logout', { cookie: token });
    assert.equal(logout.status, 204);
    assert.equal(sessionCookieFrom(logout), '', 'logout clears the cookie');
    assert.match(logout.setCookies[0]!, /Max-Age=0/);
    const after = await server.send('GET', '/auth/me', { cookie: token });
    assert.equal(after.status, 401);
    assert.equal(after.json.code, 'unauthenticated');
    assert.equal(sessionCookieFrom(after), '', 'a dead cookie is cleared');
    assert.equal(after.headers['www-authenticate'], 'Bearer realm="tessera"');
    assert.equal((await server.send('POST', '/auth/logout', { cookie: token })).status, 401);
  });

  it('fixation: a login replaces the presented session, which is dead afterwards', async () => {
    const email = uniqueEmail();
    const planted = await server.register(email);
    const login = await server.login(email, PASSWORD, { cookie: `${SESSION_COOKIE}=${planted}` });
    assert.equal(login.status, 200);
    const fresh = sessionCookieFrom(login)!;
    assert.notEqual(fresh, planted);
    assert.notEqual(fresh.split('.')[0], planted.split('.')[0], 'a new session id, not a re-keyed one');
    assert.equal((await server.send('GET', '/auth/me', { cookie: planted })).status, 401);
    assert.equal((await server.send('GET', '/auth/me', { cookie: fresh })).status, 200);
  });

  it('a tampered or forged cookie is refused and cleared', async () => {
    const token = await server.register(uniqueEmail());
    const [id, secret] = token.split('.') as [string, string];
    const flipped = secret[0] === 'A' ? `B${secret.slice(1)}` : `A${secret.slice(1)}`;
    for (const forged of [
      `${id}.${flipped}`,
      `${id}.${secret}x`,
      id,
      `${'A'.repeat(22)}.${secret}`,
      'garbage',
      '.',
    ]) {
      const result = await server.send('GET', '/auth/me', { cookie: forged });
      assert.equal(result.status, 401, forged);
      assert.equal(result.json.code, 'unauthenticated');
    }
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: token })).status,
      200,
      'the real one still works',
    );
  });

  it('no credential at all is 401 unauthenticated without clearing anything', async () => {
    const result = await server.send('GET', '/auth/me');
    assert.equal(result.status, 401);
    assert.equal(result.json.code, 'unauthenticated');
    assert.equal(result.headers['content-type'], 'application/problem+json');
    assert.equal(result.setCookies.length, 0);
  });

  it('logout-all revokes every session of the user and no one else', async () => {
    const email = uniqueEmail();
    const first = await server.register(email);
    const second = sessionCookieFrom(await server.login(email))!;
    const third = sessionCookieFrom(await server.login(email))!;
    const bystander = await server.register(uniqueEmail());
    const result = await server.send('POST', '/auth/logout-all', { cookie: second });
    assert.equal(result.status, 204);
    assert.equal(sessionCookieFrom(result), '');
    for (const token of [first, second, third]) {
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 401);
    }
    assert.equal((await server.send('GET', '/auth/me', { cookie: bystander })).status, 200);
  });

  it('DELETE /auth/sessions/:id revokes own devices only; others are a 404', async () => {
    const email = uniqueEmail();
    const laptop = await server.register(email);
    const phone = sessionCookieFrom(await server.login(email))!;
    const stranger = await server.register(uniqueEmail());
    const strangerId = stranger.split('.')[0]!;

    assert.equal(
      (await server.send('DELETE', `/auth/sessions/${strangerId}`, { cookie: laptop })).status,
      404,
    );
    assert.equal((await server.send('GET', '/auth/me', { cookie: stranger })).status, 200, 'untouched');
    assert.equal(
      (await server.send('DELETE', `/auth/sessions/${'x'.repeat(22)}`, { cookie: laptop })).status,
      404,
    );

    const removed = await server.send('DELETE', `/auth/sessions/${phone.split('.')[0]}`, { cookie: laptop });
    assert.equal(removed.status, 204);
    assert.equal((await server.send('GET', '/auth/me', { cookie: phone })).status, 401);
    assert.equal((await server.send('GET', '/auth/me', { cookie: laptop })).status, 200);

    const self = await server.send('DELETE', `/auth/sessions/${laptop.split('.')[0]}`, { cookie: laptop });
    assert.equal(self.status, 204, 'deleting the current session is a logout');
    assert.equal(sessionCookieFrom(self), '');
    assert.equal((await server.send('GET', '/auth/me', { cookie: laptop })).status, 401);
  });

  it('password change: revokes the other sessions, rotates this cookie, keeps the same session', async () => {
    const email = uniqueEmail();
    const here = await server.register(email);
    const elsewhere = sessionCookieFrom(await server.login(email))!;
    const newPassword = 'a brand new passphrase 42';

    const wrong = await server.send('POST', '/auth/password', {
      cookie: here,
      body: { currentPassword: 'not my password', newPassword },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.code, 'invalid_credentials');
    const weak = await server.send('POST', '/auth/password', {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: 'password1' },
    });
    assert.equal(weak.status, 400);
    assert.equal(weak.json.code, 'weak_password');
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: elsewhere })).status,
      200,
      'failed attempts change nothing',
    );

    const changed = await server.send('POST', '/auth/password', {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword },
    });
    assert.equal(changed.status, 204);
    const rotated = sessionCookieFrom(changed)!;
    assert.ok(rotated);
    assert.equal(rotated.split('.')[0], here.split('.')[0], 'same session id');
    assert.notEqual(rotated, here, 'new secret');
    assert.equal((await server.send('GET', '/auth/me', { cookie: rotated })).status, 200);
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: here })).status,
      401,
      'the old secret is dead',
    );
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: elsewhere })).status,
      401,
      'other devices are out',
    );
    assert.equal((await server.login(email, PASSWORD)).status, 401);
    assert.equal((await server.login(email, newPassword)).status, 200);
  });

  it('audit events are stored for logins, failures, logouts, revocations and password changes', async () => {
    const email = uniqueEmail();
    const token = await server.register(email);
    const userId = (await server.send('GET', '/auth/me', { cookie: token })).json.user.id as string;
    assert.equal((await server.login(email, 'wrong password here')).status, 401);
    const other = sessionCookieFrom(await server.login(email))!;
    await server.send('DELETE', `/auth/sessions/${other.split('.')[0]}`, { cookie: token });
    await server.send('POST', '/auth/password', {
      cookie: token,
      body: { currentPassword: PASSWORD, newPassword: 'another fine passphrase' },
    });
    await server.send('POST', '/auth/logout-all', { cookie: token });
    const events = await server.store.listAuditEvents({ userId, type: null, before: null, limit: 100 });
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      'user.registered',
      'login.succeeded',
      'login.failed',
      'session.revoked',
      'password.changed',
    ]) {
      assert.ok(types.has(type as never), `missing ${type}`);
    }
    const removal = events.find(
      (event) => event.type === 'session.revoked' && event.sessionId === other.split('.')[0],
    );
    assert.equal(removal?.detail['reason'], 'device-removed');
    for (const event of events)
      assert.ok(!JSON.stringify(event).includes(token.split('.')[1]!), 'no secret in audit');
  });

  it('emails are normalized: case and spacing do not make a second account', async () => {
    const local = `Mixed.${Date.now()}`;
    const created = await server.send('POST', '/auth/register', {
      body: { email: `  ${local}@Example.COM `, password: PASSWORD },
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.user.email, `${local.toLowerCase()}@example.com`);
    const again = await server.send('POST', '/auth/register', {
      body: { email: `${local.toLowerCase()}@example.com`, password: PASSWORD },
    });
    assert.equal(again.status, 409);
    assert.equal(again.json.code, 'email_taken');
    assert.equal((await server.login(`${local.toUpperCase()}@EXAMPLE.com`)).status, 200);
  });

  it('concurrent logins all get distinct working sessions', async () => {
    const email = uniqueEmail();
    await server.register(email);
    const results = await Promise.all(Array.from({ length: 8 }, () => server.login(email)));
    const tokens = results.map((result) => {
      assert.equal(result.status, 200);
      return sessionCookieFrom(result)!;
    });
    assert.equal(new Set(tokens).size, 8);
    for (const token of tokens)
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200);
  });

  it('concurrent revocations leave every session dead and never answer 500', async () => {
    const email = uniqueEmail();
    const first = await server.register(email);
    const others = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const login = await server.login(email);
        assert.equal(login.status, 200, login.text);
        return sessionCookieFrom(login)!;
      }),
    );
    const results = await Promise.all([
      ...others.map((token) => server.send('POST', '/auth/logout', { cookie: token })),
      ...others.map((token) =>
        server.send('DELETE', `/auth/sessions/${token.split('.')[0]}`, { cookie: first }),
      ),
      server.send('POST', '/auth/logout-all', { cookie: first }),
      ...others.map((token) => server.send('GET', '/auth/me', { cookie: token })),
    ]);
    for (const result of results)
      assert.ok([200, 204, 401, 404].includes(result.status), String(result.status));
    for (const token of [first, ...others]) {
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 401);
    }
  });

  it('healthz answers 200 while the store answers', async () => {
    const result = await server.send('GET', '/healthz');
    assert.equal(result.status, 200);
    assert.deepEqual(result.json, { status: 'ok' });
  });
});
