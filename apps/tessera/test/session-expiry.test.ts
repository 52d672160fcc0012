import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sessionCookieFrom, startTestServer, uniqueEmail, type TestServer } from './harness.js';

describe('idle and absolute expiry (injected clock)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_IDLE_TTL: '3600', TESSERA_ABSOLUTE_TTL: '10000' });
  });
  after(() => server.close());

  it('an idle session expires after the idle window, and not a second before', async () => {
    const token = await server.register(uniqueEmail());
    server.clock.advanceSeconds(3599);
    assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200);
    const token2 = await server.register(uniqueEmail());
    server.clock.advanceSeconds(3600);
    const expired = await server.send('GET', '/auth/me', { cookie: token2 });
    assert.equal(expired.status, 401);
    assert.equal(sessionCookieFrom(expired), '', 'the expired cookie is cleared');
  });

  it('activity slides the idle expiry, with one write per interval and the cookie re-sent only then', async () => {
    const token = await server.register(uniqueEmail());
    const sessionId = token.split('.')[0]!;
    const initial = (await server.store.getSession(sessionId))!;

    // Inside the update interval (10 % of 3600 s): no write, no cookie.
    server.clock.advanceSeconds(100);
    const quiet = await server.send('GET', '/auth/me', { cookie: token });
    assert.equal(quiet.status, 200);
    assert.equal(quiet.setCookies.length, 0);
    assert.equal(
      (await server.store.getSession(sessionId))!.lastSeenAt.getTime(),
      initial.lastSeenAt.getTime(),
    );

    // Past the interval: one write, and the cookie comes back with a fresh Max-Age.
    server.clock.advanceSeconds(300);
    const touched = await server.send('GET', '/auth/me', { cookie: token });
    assert.equal(touched.status, 200);
    assert.equal(sessionCookieFrom(touched), token, 'same token, re-sent');
    assert.match(touched.setCookies[0]!, /Max-Age=3600/);
    const stored = (await server.store.getSession(sessionId))!;
    assert.equal(stored.lastSeenAt.getTime(), server.clock.now().getTime());

    // Kept active, it outlives the first idle window.
    for (let i = 0; i < 3; i += 1) {
      server.clock.advanceSeconds(3000);
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200);
    }
  });

  it('an active session still dies at the absolute timeout', async () => {
    const token = await server.register(uniqueEmail());
    let elapsed = 0;
    while (elapsed + 3000 < 10000) {
      server.clock.advanceSeconds(3000);
      elapsed += 3000;
      assert.equal((await server.send('GET', '/auth/me', { cookie: token })).status, 200, `at ${elapsed}s`);
    }
    const me = await server.send('GET', '/auth/me', { cookie: token });
    assert.ok(
      new Date(me.json.session.expiresAt).getTime() <=
        server.clock.now().getTime() + (10000 - elapsed) * 1000,
    );
    server.clock.advanceSeconds(10000 - elapsed);
    const dead = await server.send('GET', '/auth/me', { cookie: token });
    assert.equal(dead.status, 401);
    assert.equal(dead.json.code, 'unauthenticated');
    assert.equal(sessionCookieFrom(dead), '', 'the dead cookie is expired, as after the idle timeout (§3.1)');
  });

  it('expiresAt is the earlier of idle and absolute expiry', async () => {
    const token = await server.register(uniqueEmail());
    const me = await server.send('GET', '/auth/me', { cookie: token });
    const created = new Date(me.json.session.createdAt).getTime();
    assert.equal(new Date(me.json.session.expiresAt).getTime() - created, 3600 * 1000);
  });
});

describe('session cap', () => {
  it('evict-oldest: the oldest session makes room for the new one', async () => {
    const server = await startTestServer({ TESSERA_MAX_SESSIONS_PER_USER: '2' });
    try {
      const email = uniqueEmail();
      const first = await server.register(email);
      server.clock.advanceSeconds(1);
      const second = sessionCookieFrom(await server.login(email))!;
      server.clock.advanceSeconds(1);
      const third = sessionCookieFrom(await server.login(email))!;
      assert.equal((await server.send('GET', '/auth/me', { cookie: first })).status, 401);
      assert.equal((await server.send('GET', '/auth/me', { cookie: second })).status, 200);
      assert.equal((await server.send('GET', '/auth/me', { cookie: third })).status, 200);
    } finally {
      await server.close();
    }
  });

  it('refuse: a login beyond the cap is refused and existing sessions stay', async () => {
    const server = await startTestServer({
      TESSERA_MAX_SESSIONS_PER_USER: '1',
      TESSERA_SESSION_LIMIT_POLICY: 'refuse',
    });
    try {
      const email = uniqueEmail();
      const first = await server.register(email);
      const refused = await server.login(email);
      assert.equal(refused.status, 409);
      assert.equal(refused.json.code, 'session_limit_reached');
      assert.equal((await server.send('GET', '/auth/me', { cookie: first })).status, 200);
      await server.send('POST', '/auth/logout', { cookie: first });
      assert.equal((await server.login(email)).status, 200, 'after signing out, there is room');
    } finally {
      await server.close();
    }
  });
});
