// The fetch adapter (`createFetchHandler`, what `@tessera/next` mounts) over real HTTP: its own 413
// carries the same CORS headers as the router's answers, for a listed origin only (DESIGN §10;
// decision 0070). It serves Tessera's routes only, so the shared scenarios (app routes) do not run here.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { createFetchHandler } from '../src/fetch/index.js';
import { createTestTessera, send, type RunningApp, type TestTessera } from './harness.js';

const LISTED = 'https://spa.example.net';

describe('@tessera/http/fetch: CORS on the answers it writes itself', () => {
  let test: TestTessera;
  let app: RunningApp;
  before(async () => {
    test = await createTestTessera('session', { corsOrigins: new Set([LISTED]) });
    const handler = createFetchHandler(test.tessera);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    const { port } = server.address() as AddressInfo;
    app = {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          if ('closeAllConnections' in server) server.closeAllConnections();
        }),
    };
  });
  after(async () => {
    await app.close();
    await test.close();
  });

  it('a 413 (declared or streamed body) has the allow headers for the listed origin, none for others', async () => {
    const huge = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70_000) });
    for (const chunked of [false, true]) {
      for (const origin of [LISTED, 'https://evil.example', 'null']) {
        const result = await send(app.url, 'POST', '/auth/login', {
          rawBody: huge,
          headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'cross-site' },
          chunked,
        });
        assert.equal(result.status, 413, `${origin} chunked=${chunked}: ${result.text}`);
        assert.equal(result.json.code, 'payload_too_large');
        assert.match(String(result.headers['vary']), /\bOrigin\b/);
        const allowed = origin === LISTED;
        assert.equal(result.headers['access-control-allow-origin'], allowed ? LISTED : undefined);
        assert.equal(result.headers['access-control-allow-credentials'], allowed ? 'true' : undefined);
      }
    }
  });

  it('a routed 401 has the same allow headers (the router decides them)', async () => {
    const result = await send(app.url, 'GET', '/auth/me', { headers: { origin: LISTED } });
    assert.equal(result.status, 401);
    assert.equal(result.headers['access-control-allow-origin'], LISTED);
    assert.equal(result.headers['access-control-allow-credentials'], 'true');
  });
});
