// Issue 11 (12h): a revocation is announced on the feed before the session is deleted, so that a
// failed delete never leaves tokens accepted elsewhere. The announcement must be final: a session
// whose delete failed stays refused for as long as it could live, not only until the entry or the
// session cache's 60 s tombstone expires.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { StoreUnavailableError, type TesseraStore } from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import { PASSWORD, sessionCookieFrom, startTestServer, uniqueEmail, type TestServer } from './harness.js';

/** The memory store, except that deleting sessions fails while `failing` is set (a database outage). */
function storeWithFailingDeletes(): { store: TesseraStore; fail: (on: boolean) => void } {
  const real = createMemoryStore();
  let failing = false;
  const down = () => Promise.reject(new StoreUnavailableError('sessions: delete failed', undefined));
  const store = new Proxy(real, {
    get(target, property, receiver) {
      if (failing && (property === 'deleteSession' || property === 'deleteUserSessions')) return down;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, fail: (on) => (failing = on) };
}

describe('a revoked session whose delete failed', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const server of servers) await server.close();
  });

  async function start(): Promise<{ server: TestServer; fail: (on: boolean) => void }> {
    const { store, fail } = storeWithFailingDeletes();
    const server = await startTestServer({}, { store });
    servers.push(server);
    return { server, fail };
  }

  for (const route of ['/auth/logout', '/auth/logout-all'] as const) {
    it(`stays signed out after ${route} failed to delete it (session cookie), past every cache window`, async () => {
      const { server, fail } = await start();
      const cookie = await server.register(uniqueEmail('final'));
      assert.equal((await server.send('GET', '/auth/me', { cookie })).status, 200);

      fail(true);
      assert.equal((await server.send('POST', route, { cookie })).status, 503);
      fail(false);
      assert.equal((await server.send('GET', '/auth/me', { cookie })).status, 401, 'at once');
      server.clock.advanceSeconds(61); // past the session cache's tombstone
      assert.equal((await server.send('GET', '/auth/me', { cookie })).status, 401, 'after 61 s');
      server.clock.advanceSeconds(1000); // past the feed's retention (access TTL + leeway)
      assert.equal((await server.send('GET', '/auth/me', { cookie })).status, 401, 'after the retention');
    });
  }

  it('refuses its refresh token, past the feed retention (bearer)', async () => {
    const { server, fail } = await start();
    const email = uniqueEmail('final-bearer');
    await server.register(email);
    const login = await server.send('POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    assert.equal(login.status, 200, login.text);
    const { access_token: access = '', refresh_token: refresh = '' } = login.json as Record<string, string>;

    fail(true);
    assert.equal((await server.send('POST', '/auth/logout', { bearer: access })).status, 503);
    fail(false);
    assert.equal((await server.send('GET', '/auth/me', { bearer: access })).status, 401);
    server.clock.advanceSeconds(1061);
    const refreshed = await server.send('POST', '/auth/refresh', { body: { refresh_token: refresh } });
    assert.equal(refreshed.status, 401);
  });

  // Decision 0069: the announcement goes out before the store is written, so a failed write leaves
  // an announced revocation and an undeleted session. The client is told 503 (nothing says the
  // device is gone), yet the device is signed out for good, and asking again finishes the job.
  it('DELETE /auth/sessions/:id whose delete failed: a 503, the device signed out for good, a retry removes it', async () => {
    const { server, fail } = await start();
    const email = uniqueEmail('device');
    const laptop = await server.register(email);
    const login = await server.send('POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    assert.equal(login.status, 200, login.text);
    const phone = login.json as { session: { id: string }; access_token: string; refresh_token: string };
    assert.equal((await server.send('GET', '/auth/me', { bearer: phone.access_token })).status, 200);

    fail(true);
    const failed = await server.send('DELETE', `/auth/sessions/${phone.session.id}`, { cookie: laptop });
    fail(false);
    assert.equal(failed.status, 503, failed.text);
    assert.match(String(failed.headers['content-type']), /^application\/problem\+json/);
    assert.equal((failed.json as { code: string }).code, 'store_unavailable');
    assert.equal(
      (await server.send('GET', '/auth/me', { bearer: phone.access_token })).status,
      401,
      'at once',
    );
    const listed = await server.send('GET', '/auth/sessions', { cookie: laptop });
    assert.equal(listed.status, 200, 'the caller is not touched');

    server.clock.advanceSeconds(1061); // past the feed's retention for access tokens (900 s + 60 s)
    const refreshed = await server.send('POST', '/auth/refresh', {
      body: { refresh_token: phone.refresh_token },
    });
    assert.equal(refreshed.status, 401, 'the undeleted session cannot be renewed either');

    const retried = await server.send('DELETE', `/auth/sessions/${phone.session.id}`, { cookie: laptop });
    assert.equal(retried.status, 204, retried.text);
    assert.equal(await server.store.getSession(phone.session.id), null, 'deleted now');
    const again = await server.send('DELETE', `/auth/sessions/${phone.session.id}`, { cookie: laptop });
    assert.equal(again.status, 404);
  });

  it('an own device past its idle timeout is a 404, like a session of another user', async () => {
    const { server } = await start();
    const email = uniqueEmail('idle');
    const old = await server.register(email);
    server.clock.advanceSeconds(3 * 3600); // past the 2 h idle timeout
    const fresh = sessionCookieFrom(await server.login(email))!;
    const result = await server.send('DELETE', `/auth/sessions/${old.split('.')[0]}`, { cookie: fresh });
    assert.equal(result.status, 404, result.text);
  });
});
