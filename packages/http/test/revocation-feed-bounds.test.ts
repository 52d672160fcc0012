// Issue 11: the public revocation feed could be made to hold subscribers and their pending events
// without end. Each adapter is tested over real HTTP with small bounds.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { tesseraExpress } from '../src/express/index.js';
import { tesseraFastify } from '../src/fastify/index.js';
import { tesseraRoutes } from '../src/hono/index.js';
import type { TesseraHttp } from '../src/lib/index.js';
import { createNodeListener } from '../src/node/index.js';
import {
  createTestTessera,
  listen,
  openStream,
  type OpenStream,
  type RunningApp,
  type StartApp,
  type TestTessera,
} from './harness.js';

/** A stream the server never lets go of would hang the test: fail it instead. */
const LIMIT = { timeout: 60_000 };

const adapters: Record<string, StartApp> = {
  node: (tessera: TesseraHttp) =>
    listen(createServer(createNodeListener(tessera.handle, { bodyLimitBytes: tessera.bodyLimitBytes }))),
  express: (tessera: TesseraHttp) => {
    const app = express();
    app.use(tesseraExpress(tessera));
    return listen(createServer(app));
  },
  fastify: async (tessera: TesseraHttp) => {
    const app = Fastify({ forceCloseConnections: true });
    await app.register(tesseraFastify(tessera));
    return { url: await app.listen({ port: 0, host: '127.0.0.1' }), close: () => app.close() };
  },
  hono: async (tessera: TesseraHttp): Promise<RunningApp> => {
    const app = new Hono();
    app.route('/', tesseraRoutes(tessera));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          if ('closeAllConnections' in server) server.closeAllConnections();
        }),
    };
  },
};

/** Opens the feed; a 503 answer is read whole and returned as such. */
async function tryOpen(url: string): Promise<OpenStream> {
  const stream = await openStream(url, '/auth/revocations');
  if (stream.status !== 200) await stream.ended;
  return stream;
}

/** Opens the feed until a slot is free (a slot frees when the server notices a follower left). */
async function openWhenFree(url: string): Promise<OpenStream> {
  for (;;) {
    const stream = await tryOpen(url);
    if (stream.status === 200) return stream;
    await nextTurn();
  }
}

/** Publishes revocations in batches below the pending bound, letting the stream write in between. */
async function publishUntil(
  test: TestTessera,
  done: () => Promise<boolean>,
  maxBatches: number,
): Promise<void> {
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const ids = Array.from({ length: 50 }, (_, index) => `s-${batch}-${index}-${'x'.repeat(40)}`);
    await test.deps.revocationFeed.publish(ids, test.clock.now());
    await nextTurn();
    if (batch % 50 === 49 && (await done())) return;
  }
  assert.fail(`not done after ${maxBatches} batches`);
}

for (const [name, startApp] of Object.entries(adapters)) {
  describe(`@tessera/http/${name}: the revocation feed's bounds`, () => {
    it(
      'past maxSubscribers a follower gets 503 revocation_feed_busy with Retry-After; a slot frees when one leaves',
      LIMIT,
      async () => {
        const test = await createTestTessera('session', { revocationStreams: { maxSubscribers: 2 } });
        const app = await startApp(test.tessera);
        try {
          const first = await tryOpen(app.url);
          const second = await tryOpen(app.url);
          assert.equal(first.status, 200);
          assert.equal(second.status, 200);
          const refused = await tryOpen(app.url);
          assert.equal(refused.status, 503);
          assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
          assert.match(String(refused.headers['retry-after']), /^[1-9][0-9]*$/);
          assert.match(await refused.waitFor('}'), /"code":"revocation_feed_busy"/);
          first.close();
          const third = await openWhenFree(app.url);
          third.close();
          second.close();
        } finally {
          await app.close();
          await test.close();
        }
      },
    );

    it(
      'a follower that stops reading is dropped once maxPendingEvents revocations wait for it',
      LIMIT,
      async () => {
        const test = await createTestTessera('session', {
          revocationStreams: { maxSubscribers: 1, maxPendingEvents: 100 },
        });
        const app = await startApp(test.tessera);
        try {
          const stalled = await tryOpen(app.url);
          assert.equal(stalled.status, 200);
          stalled.pause();
          // The slot frees when the server drops the stalled follower, not before.
          let admitted: OpenStream | null = null;
          await publishUntil(
            test,
            async () => {
              const attempt = await tryOpen(app.url);
              if (attempt.status === 200) admitted = attempt;
              return admitted !== null;
            },
            4000,
          );
          (admitted as OpenStream | null)?.close();
          // The dropped connection is closed by the server: once read, it ends.
          stalled.resume();
          await stalled.ended;
        } finally {
          await app.close();
          await test.close();
        }
      },
    );

    it(
      'a follower that leaves while the server waits for it to drain frees its subscription',
      LIMIT,
      async () => {
        const test = await createTestTessera('session', {
          revocationStreams: { maxSubscribers: 1, maxPendingEvents: 1_000_000 },
        });
        const app = await startApp(test.tessera);
        try {
          const stalled = await tryOpen(app.url);
          assert.equal(stalled.status, 200);
          stalled.pause();
          // About 20 MB of events: more than the socket buffers hold, so the server waits for a drain.
          let batches = 0;
          await publishUntil(test, () => Promise.resolve(++batches >= 40), 2001);
          stalled.close();
          (await openWhenFree(app.url)).close();
        } finally {
          await app.close();
          await test.close();
        }
      },
    );
  });
}
