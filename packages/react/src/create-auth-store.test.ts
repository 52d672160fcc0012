// The store under `<TesseraProvider>` against a real Tessera server over HTTP (session and jwt
// cookie modes), with a cookie jar playing the browser's part; and the provider rendered on the
// server (SSR): it reads the state and starts nothing. The browser side, cross-origin with real
// preflights, is examples/next-app's Chromium test.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createCookieJarFetch } from '../../client/test/cookie-jar-fetch.js';
import {
  PASSWORD,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from '../../../apps/tessera/test/harness.js';
import { createAuthStore, TesseraAuthError, TesseraProvider, useAuth, type AuthStore } from './index.js';

function untilSettled(store: AuthStore): Promise<void> {
  if (store.getState().status !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = store.subscribe(() => {
      if (store.getState().status !== 'loading') {
        stop();
        resolve();
      }
    });
  });
}

for (const cookieMode of ['session', 'jwt'] as const) {
  describe(`@tessera/react's store, ${cookieMode} cookie mode`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ TESSERA_COOKIE_MODE: cookieMode });
    });
    after(() => server.close());

    function newStore(jar = createCookieJarFetch()): AuthStore {
      return createAuthStore({
        baseUrl: server.url,
        cookieMode,
        fetch: jar,
        channelName: `tessera-react-${randomUUID()}`,
        locks: null,
      });
    }

    it('starts loading, reads /auth/me, and is signed out without a cookie', async () => {
      const store = newStore();
      assert.equal(store.getState().status, 'loading');
      store.start();
      await untilSettled(store);
      assert.equal(store.getState().status, 'signed-out');
      store.stop();
    });

    it('a wrong password throws invalid_credentials and changes nothing; the right one signs in', async () => {
      const email = uniqueEmail('react');
      await server.register(email);
      const store = newStore();
      store.start();
      await untilSettled(store);
      await assert.rejects(
        store.signIn({ email, password: 'not the password at all' }),
        (error: unknown) => error instanceof TesseraAuthError && error.code === 'invalid_credentials',
      );
      assert.equal(store.getState().status, 'signed-out');
      const seen: string[] = [];
      store.subscribe(() => seen.push(store.getState().status));
      const state = await store.signIn({ email, password: PASSWORD });
      assert.ok(state.status === 'signed-in');
      assert.equal(state.user.email, email);
      assert.equal(state.session.transport, cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie');
      assert.deepEqual(seen, ['signed-in']);
      // Another browser (its own cookie jar) is not signed in by this one's sign-in.
      const other = newStore(createCookieJarFetch());
      other.start();
      await untilSettled(other);
      assert.equal(other.getState().status, 'signed-out');
      store.stop();
      other.stop();
    });

    it('refresh keeps the sign-in (jwt: renews an expired access cookie); signOut ends the session', async () => {
      const email = uniqueEmail('react');
      await server.register(email);
      const jar = createCookieJarFetch();
      const store = newStore(jar);
      store.start();
      await untilSettled(store);
      await store.signIn({ email, password: PASSWORD });
      server.clock.advanceSeconds(901); // past the access token's 15 minutes
      const refreshed = await store.refresh();
      assert.equal(refreshed.status, 'signed-in');
      assert.equal((await store.fetch('/auth/me')).status, 200, 'the wrapped fetch is signed in');
      await store.signOut();
      assert.equal(store.getState().status, 'signed-out');
      assert.equal((await jar(`${server.url}/auth/me`, { credentials: 'include' })).status, 401);
      store.stop();
    });

    it('signOut({ everywhere: true }) ends every session of the user', async () => {
      const email = uniqueEmail('react');
      await server.register(email);
      const [first, second] = [newStore(), newStore()];
      await first.signIn({ email, password: PASSWORD });
      await second.signIn({ email, password: PASSWORD });
      await first.signOut({ everywhere: true });
      const after = await second.refresh();
      assert.equal(after.status, 'signed-out');
      first.stop();
      second.stop();
    });
  });
}

describe('<TesseraProvider> on the server (SSR)', () => {
  function Probe() {
    const auth = useAuth();
    return createElement('p', null, `${auth.status}:${auth.user?.email ?? '-'}`);
  }
  const refuse: typeof fetch = () => Promise.reject(new Error('nothing is fetched while rendering'));

  it('renders the initial sign-in it is given, and fetches nothing', () => {
    const initialAuth = {
      user: { id: 'u1', email: 'ada@example.com', roles: [], createdAt: '2026-01-01T00:00:00.000Z' },
      session: {
        id: 's1',
        createdAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T02:00:00.000Z',
        transport: 'jwt-cookie' as const,
      },
    };
    const html = renderToString(
      createElement(TesseraProvider, { initialAuth, fetch: refuse }, createElement(Probe)),
    );
    assert.match(html, /signed-in:ada@example\.com/);
    assert.match(
      renderToString(
        createElement(TesseraProvider, { initialAuth: null, fetch: refuse }, createElement(Probe)),
      ),
      /signed-out:-/,
    );
    assert.match(
      renderToString(createElement(TesseraProvider, { fetch: refuse }, createElement(Probe))),
      /loading:-/,
    );
  });

  it('useAuth() outside a provider is a TypeError', () => {
    assert.throws(() => renderToString(createElement(Probe)), TypeError);
  });
});
