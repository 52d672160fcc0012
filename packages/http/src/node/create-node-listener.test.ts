import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import type { AuthHandler, Logger } from '@tessera/core';
import { listen, openStream, send } from '../../test/harness.js';
import { createNodeListener } from './create-node-listener.js';

/** Collects the messages of error lines. */
function errorLog(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info() {}, warn() {}, error: (message) => errors.push(message) };
}

describe('createNodeListener', () => {
  // Issue 11: a rejection that escaped the listener stopped Node and every other client with it.
  it('answers 500 for a handler that throws, cuts a stream that throws half-way, logs both and keeps serving', async () => {
    const handler: AuthHandler = (request) => {
      if (request.path === '/throws') return Promise.reject(new Error('handler bug'));
      if (request.path === '/stream-throws') {
        return Promise.resolve({
          status: 200,
          headers: [['content-type', 'text/event-stream']],
          body: null,
          stream: (async function* () {
            yield ': first\n\n';
            await Promise.resolve();
            throw new Error('stream bug');
          })(),
        });
      }
      return Promise.resolve({ status: 200, headers: [], body: 'alive' });
    };
    const logger = errorLog();
    const app = await listen(createServer(createNodeListener(handler, { bodyLimitBytes: 1024, logger })));
    try {
      const failed = await send(app.url, 'GET', '/throws');
      assert.equal(failed.status, 500);
      assert.equal(failed.json.code, 'internal_error');
      const stream = await openStream(app.url, '/stream-throws');
      assert.equal(stream.status, 200);
      await stream.ended;
      const alive = await send(app.url, 'GET', '/alive');
      assert.equal(alive.text, 'alive');
      assert.deepEqual(logger.errors, ['request failed', 'request failed']);
    } finally {
      await app.close();
    }
  });
});
