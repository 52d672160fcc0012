// Issue 11 (12h): a revocation is announced on the feed before the session is deleted, so that a
// failed delete never leaves tokens accepted elsewhere. The announcement must be final: a session
// whose delete failed stays refused for as long as it could live, not only until the entry or the
// session cache's 60 s tombstone expires.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { StoreUnavailableError, type TesseraStore } from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';

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
});
