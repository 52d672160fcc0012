import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { KeySetUnavailableError } from './access-token-error.js';
import { createRemoteKeySet, type RemoteKeySetOptions } from './create-remote-key-set.js';

async function publicJwk(kid: string): Promise<JWK> {
  const { publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
}

const key1 = await publicJwk('key-1');
const key2 = await publicJwk('key-2');

type Mode = 'ok' | 'error' | 'hang' | 'garbage';

/** A real JWKS endpoint on 127.0.0.1 whose answers and document the test controls. */
interface JwksServer {
  url: string;
  requests: number;
  mode: Mode;
  keys: unknown[];
  /** Holds each answer back until the test releases it, to keep a fetch in flight. */
  gate: Promise<void> | null;
  close(): Promise<void>;
}

const servers: Server[] = [];
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startJwksServer(keys: unknown[]): Promise<JwksServer> {
  const state: JwksServer = {
    url: '',
    requests: 0,
    mode: 'ok',
    keys,
    gate: null,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((_request, response) => {
    state.requests += 1;
    const answer = (): void => {
      if (state.mode === 'hang') return; // never answers: only the client's timeout ends this
      if (state.mode === 'error') {
        response.writeHead(500).end('no');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(state.mode === 'garbage' ? '{"keys": [' : JSON.stringify({ keys: state.keys }));
    };
    if (state.gate === null) answer();
    else void state.gate.then(answer);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return state;
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => Date; advanceSeconds: (seconds: number) => void } {
  let ms = Date.parse('2025-06-01T12:00:00Z');
  return { now: () => new Date(ms), advanceSeconds: (seconds) => void (ms += seconds * 1000) };
}

function remote(
  server: JwksServer,
  clock: ReturnType<typeof manualClock>,
  options: RemoteKeySetOptions = {},
) {
  return createRemoteKeySet(server.url, {
    now: clock.now,
    cooldownSeconds: 30,
    cacheMaxAgeSeconds: 300,
    ...options,
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

describe('createRemoteKeySet', () => {
  it('fetches on the first lookup, then answers known kids from the cache', async () => {
    const server = await startJwksServer([key1]);
    const keys = remote(server, manualClock());
    const found = await keys('key-1');
    assert.equal(found?.alg, 'EdDSA');
    assert.equal(found.kid, 'key-1');
    await keys('key-1');
    assert.equal(server.requests, 1);
  });

  it('shares one in-flight fetch between 20 concurrent lookups of an unknown kid', async () => {
    const server = await startJwksServer([key1]);
    const clock = manualClock();
    const keys = remote(server, clock);
    await keys.refresh();
    assert.equal(server.requests, 1);

    server.keys = [key1, key2]; // key-2 rotated in
    clock.advanceSeconds(31);
    let release = (): void => undefined;
    server.gate = new Promise((resolve) => (release = resolve));
    const lookups = Array.from({ length: 20 }, () => keys('key-2'));
    await until(() => server.requests === 2);
    release();
    const results = await Promise.all(lookups);
    assert.ok(results.every((key) => key?.kid === 'key-2'));
    assert.equal(server.requests, 2);
  });

  it('refetches for an unknown kid only once the cooldown has passed; absent after a good fetch is null', async () => {
    const server = await startJwksServer([key1]);
    const clock = manualClock();
    const keys = remote(server, clock);
    assert.equal(await keys('made-up'), null);
    assert.equal(server.requests, 1);

    clock.advanceSeconds(10);
    assert.equal(await keys('made-up-2'), null);
    assert.equal(await keys('made-up-3'), null);
    assert.equal(server.requests, 1, 'no fetch within the cooldown');

    clock.advanceSeconds(21);
    assert.equal(await keys('made-up-4'), null);
    assert.equal(server.requests, 2);
  });

  it('times out on a server that never answers: KeySetUnavailableError, not null', async () => {
    const server = await startJwksServer([key1]);
    server.mode = 'hang';
    const keys = remote(server, manualClock(), { timeoutMs: 100 });
    await assert.rejects(keys('key-1'), (error: unknown) => {
      assert.ok(error instanceof KeySetUnavailableError);
      assert.equal(error.code, 'ERR_KEY_SET_UNAVAILABLE');
      assert.ok(error.cause !== undefined, 'the fetch failure is chained as cause');
      return true;
    });
    await assert.rejects(keys.refresh(), KeySetUnavailableError);
  });

  it('keeps serving cached keys when a fetch fails; an unknown kid is then unavailable, not invalid', async () => {
    const server = await startJwksServer([key1]);
    const clock = manualClock();
    const keys = remote(server, clock);
    await keys.refresh();

    server.mode = 'error';
    clock.advanceSeconds(31);
    await assert.rejects(keys('key-2'), KeySetUnavailableError);
    assert.equal(server.requests, 2);
    assert.equal((await keys('key-1'))?.kid, 'key-1');

    clock.advanceSeconds(5); // within the cooldown: no new fetch, still unavailable
    await assert.rejects(keys('key-3'), KeySetUnavailableError);
    assert.equal(server.requests, 2);

    server.mode = 'ok';
    clock.advanceSeconds(30);
    assert.equal(await keys('key-3'), null);
    assert.equal(server.requests, 3);
  });

  it('treats an unreachable server and a malformed document as failures', async () => {
    const server = await startJwksServer([key1]);
    server.mode = 'garbage';
    const clock = manualClock();
    const keys = remote(server, clock);
    await assert.rejects(keys('key-1'), KeySetUnavailableError);

    await server.close();
    clock.advanceSeconds(31);
    await assert.rejects(keys('key-1'), KeySetUnavailableError);
  });

  it('refreshes a stale cache in the background and forgets keys rotated out', async () => {
    const server = await startJwksServer([key1, key2]);
    const clock = manualClock();
    const keys = remote(server, clock);
    await keys.refresh();

    server.keys = [key2]; // key-1 retired
    clock.advanceSeconds(301);
    let release = (): void => undefined;
    server.gate = new Promise((resolve) => (release = resolve));
    // The background fetch is held back by the gate, so this answer cannot have waited for it.
    assert.equal((await keys('key-1'))?.kid, 'key-1');
    await until(() => server.requests === 2);
    const joined = keys.refresh(); // joins the in-flight fetch instead of starting another
    release();
    await joined;
    assert.equal(server.requests, 2);
    assert.equal(await keys('key-1'), null, 'the retired kid is unknown after a good fetch');
    assert.equal((await keys('key-2'))?.kid, 'key-2');
    assert.equal(server.requests, 2);
  });

  it('refuses a whole document that publishes a private key, keeping the cached keys', async () => {
    const server = await startJwksServer([key1]);
    const clock = manualClock();
    const keys = remote(server, clock);
    await keys.refresh();

    server.keys = [key1, { ...key2, d: 'AAAA' }];
    clock.advanceSeconds(31);
    await assert.rejects(keys('key-2'), KeySetUnavailableError);
    assert.equal((await keys('key-1'))?.kid, 'key-1');
  });

  it('skips keys a verifier cannot use and keeps the rest', async () => {
    const server = await startJwksServer([
      { ...key2, use: 'enc' },
      { ...key2, kid: 'ps', alg: 'PS256' },
      { ...key2, kid: undefined },
      key1,
    ]);
    const keys = remote(server, manualClock());
    assert.equal((await keys('key-1'))?.kid, 'key-1');
    assert.equal(await keys('key-2'), null);
    assert.equal(await keys('ps'), null);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fetchStub: typeof fetch = (input) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response(JSON.stringify({ keys: [key1] }), { status: 200 }));
    };
    const keys = createRemoteKeySet('https://auth.example.com/.well-known/jwks.json', { fetch: fetchStub });
    assert.equal((await keys('key-1'))?.kid, 'key-1');
    assert.deepEqual(calls, ['https://auth.example.com/.well-known/jwks.json']);
  });

  const badOptions: [string, () => unknown][] = [
    ['an invalid URL', () => createRemoteKeySet('not a url')],
    ['a non-http URL', () => createRemoteKeySet('ftp://auth.example.com/jwks.json')],
    ['a negative cooldown', () => createRemoteKeySet('https://a.example', { cooldownSeconds: -1 })],
    ['a NaN cache age', () => createRemoteKeySet('https://a.example', { cacheMaxAgeSeconds: Number.NaN })],
    ['a zero timeout', () => createRemoteKeySet('https://a.example', { timeoutMs: 0 })],
    [
      'fetch not a function',
      () => createRemoteKeySet('https://a.example', { fetch: 1 as unknown as typeof fetch }),
    ],
    [
      'now not a function',
      () => createRemoteKeySet('https://a.example', { now: 1 as unknown as () => Date }),
    ],
  ];
  for (const [name, create] of badOptions) {
    it(`throws TypeError at setup for ${name}`, () => {
      assert.throws(create, TypeError);
    });
  }
});
