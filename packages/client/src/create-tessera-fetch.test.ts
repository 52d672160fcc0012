import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { createCookieJarFetch } from '../test/cookie-jar-fetch.js';
import { startFakeAuthServer } from '../test/fake-auth-server.js';
import { createFifoLockManager } from '../test/fifo-lock-manager.js';
import { createTesseraFetch, type TesseraFetch, type TesseraFetchOptions } from './index.js';

/** A bug here shows as a promise that never settles: fail the test rather than hang the run. */
const timeout = 10_000;

async function problemCode(response: Response): Promise<unknown> {
  return ((await response.json()) as { code?: unknown }).code;
}

/** A signed-in browser (one cookie jar) against a fresh server; `openTab` adds a wrapper instance. */
async function signedInBrowser(t: TestContext) {
  const server = await startFakeAuthServer();
  const jarFetch = createCookieJarFetch();
  const channelName = `tessera-test-${randomUUID()}`; // tests must not hear each other's tabs
  const tabs: TesseraFetch[] = [];
  t.after(async () => {
    for (const tab of tabs) tab.close();
    await server.close();
  });
  const openTab = (options: TesseraFetchOptions = {}) => {
    const tab = createTesseraFetch({ baseUrl: server.url, fetch: jarFetch, channelName, ...options });
    tabs.push(tab);
    return tab;
  };
  assert.equal(
    (await jarFetch(`${server.url}/auth/login`, { method: 'POST', credentials: 'include' })).status,
    200,
  );
  return { server, jarFetch, openTab, channelName };
}

test('a 401 token_expired triggers one refresh and one retry that succeeds', { timeout }, async (t) => {
  const { server, openTab } = await signedInBrowser(t);
  const api = openTab();
  server.expireAccessTokens();

  const response = await api('/api/data');

  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { data: 'ok' });
  assert.equal(server.refreshCalls, 1);
  assert.equal(server.hits.get('GET /api/data'), 2);
});

test('10 concurrent calls with an expired access token share exactly one refresh', { timeout }, async (t) => {
  const { server, openTab } = await signedInBrowser(t);
  const api = openTab();
  server.expireAccessTokens();

  const responses = await Promise.all(Array.from({ length: 10 }, () => api('/api/data')));

  assert.deepEqual(
    responses.map((r) => r.status),
    Array(10).fill(200),
  );
  assert.equal(server.refreshCalls, 1);
  assert.equal(server.hits.get('GET /api/data'), 20);
});

test(
  'two tabs expiring at once refresh once; the waiting tab retries after the broadcast',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    const locks = createFifoLockManager();
    const [tabA, tabB] = [openTab({ locks }), openTab({ locks })];
    server.expireAccessTokens();

    const [a, b] = await Promise.all([tabA('/api/data'), tabB('/api/data')]);

    assert.deepEqual([a.status, b.status], [200, 200]);
    await locks.request('tessera-refresh', async () => {}); // the line has drained: B's turn came and went
    assert.equal(locks.requests, 3, 'both tabs queued for the lock');
    assert.equal(server.refreshCalls, 1, 'only the first in line refreshed');
    assert.equal(server.hits.get('GET /api/data'), 4);
  },
);

test('a tab whose request left before another tab refreshed just retries', { timeout }, async (t) => {
  const { server, openTab, channelName } = await signedInBrowser(t);
  const [tabA, tabB] = [openTab({ locks: null }), openTab({ locks: null })];
  // Created after tab B, so it hears A's broadcast after B does (channels of one agent hear a
  // message in creation order).
  const listener = new BroadcastChannel(channelName);
  t.after(() => listener.close());
  const broadcast = new Promise((resolve) => (listener.onmessage = (event) => resolve(event.data)));
  server.expireAccessTokens();
  const slow = server.holdSlow();

  const late = tabB('/api/slow'); // carries the expired cookie, answered only after A's refresh
  await slow.arrived;
  assert.equal((await tabA('/api/data')).status, 200);
  assert.deepEqual(await broadcast, { type: 'refreshed' });
  slow.release();

  assert.equal((await late).status, 200);
  assert.equal(server.refreshCalls, 1);
  assert.equal(server.hits.get('GET /api/slow'), 2);
});

test(
  'a refresh answered 401 refresh_token_reused returns the original 401 and signs out every tab',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    const locks = createFifoLockManager();
    const signedOut = { a: 0, b: 0 };
    const tabA = openTab({ locks, onSignedOut: () => (signedOut.a += 1) });
    const tabB = openTab({ locks, onSignedOut: () => (signedOut.b += 1) });
    server.expireAccessTokens();
    server.refreshFailure = { status: 401, code: 'refresh_token_reused' };

    const [a, b] = await Promise.all([tabA('/api/data'), tabB('/api/data')]);

    for (const response of [a, b]) {
      assert.equal(response.status, 401);
      assert.equal(await problemCode(response), 'token_expired', 'the original answer, body unread');
    }
    await locks.request('tessera-refresh', async () => {}); // B's turn in line came and went
    assert.deepEqual(signedOut, { a: 1, b: 1 });
    assert.equal(server.refreshCalls, 1);
    assert.equal(server.hits.get('GET /api/data'), 2, 'no retry');
  },
);

test(
  'a refresh that fails for another reason (503) returns the original 401 without signing out',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    let signedOut = 0;
    const api = openTab({ onSignedOut: () => (signedOut += 1) });
    server.expireAccessTokens();
    server.refreshFailure = { status: 503, code: 'store_unavailable' };

    const response = await api('/api/data');

    assert.equal(response.status, 401);
    assert.equal(await problemCode(response), 'token_expired');
    assert.equal(signedOut, 0);
    assert.equal(server.refreshCalls, 1);
    assert.equal(server.hits.get('GET /api/data'), 1);
  },
);

test(
  'a retry answered token_expired again is returned: one refresh and one retry per call',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    const api = openTab();
    server.expireAccessTokens();
    server.accessTtlMs = -1; // refreshed access cookies are born expired

    const response = await api('/api/data');

    assert.equal(response.status, 401);
    assert.equal(await problemCode(response), 'token_expired');
    assert.equal(server.refreshCalls, 1);
    assert.equal(server.hits.get('GET /api/data'), 2);
  },
);

test(
  'a 401 with another code (session_revoked) is returned as is, without a refresh',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    const api = openTab();
    server.apiFailure = { status: 401, code: 'session_revoked' };

    const response = await api('/api/data');

    assert.equal(response.status, 401);
    assert.equal(await problemCode(response), 'session_revoked');
    assert.equal(server.refreshCalls, 0);
    assert.equal(server.hits.get('GET /api/data'), 1);
  },
);

test('a non-401 error passes through', { timeout }, async (t) => {
  const { server, openTab } = await signedInBrowser(t);
  const api = openTab();
  server.apiFailure = { status: 503, code: 'store_unavailable' };

  const response = await api('/api/data');

  assert.equal(response.status, 503);
  assert.equal(await problemCode(response), 'store_unavailable');
  assert.equal(server.refreshCalls, 0);
  assert.equal(server.hits.get('GET /api/data'), 1);
});

test('a POST with a JSON body is replayed with the same body', { timeout }, async (t) => {
  const { server, openTab } = await signedInBrowser(t);
  const api = openTab();
  server.expireAccessTokens();
  const body = JSON.stringify({ order: 42, note: 'twice is fine' });

  const response = await api('/api/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.deepEqual(await response.json(), { order: 42, note: 'twice is fine' });
  assert.deepEqual(server.echoed, [body], 'the first attempt was refused before the echo');
  assert.equal(server.hits.get('POST /api/echo'), 2);
  assert.equal(server.refreshCalls, 1);
});

test(
  'a stream body is not retried: its 401 comes back, and the session is refreshed for next time',
  { timeout },
  async (t) => {
    const { server, openTab } = await signedInBrowser(t);
    const api = openTab();
    server.expireAccessTokens();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"once":true}'));
        controller.close();
      },
    });

    const response = await api('/api/echo', { method: 'POST', body: stream, duplex: 'half' });

    assert.equal(response.status, 401);
    assert.equal(await problemCode(response), 'token_expired');
    assert.equal(server.hits.get('POST /api/echo'), 1);
    assert.equal(server.refreshCalls, 1);
    assert.equal((await api('/api/data')).status, 200, 'the next call needs no refresh');
    assert.equal(server.refreshCalls, 1);
  },
);

test('refresh() renews the cookies now, and concurrent calls share one refresh', { timeout }, async (t) => {
  const { server, openTab } = await signedInBrowser(t);
  const api = openTab();
  server.expireAccessTokens();

  const outcomes = await Promise.all([api.refresh(), api.refresh(), api.refresh()]);

  assert.deepEqual(outcomes, ['refreshed', 'refreshed', 'refreshed']);
  assert.equal(server.refreshCalls, 1);
  assert.equal((await api('/api/data')).status, 200);
  assert.equal(server.hits.get('GET /api/data'), 1, 'the fresh access cookie works at the first try');
});
