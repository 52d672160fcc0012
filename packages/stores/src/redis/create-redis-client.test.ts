import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedisClient } from './create-redis-client.js';
import { createRedisClusterClient } from './create-redis-cluster-client.js';
import { freePort } from '../../../../test/support/private-redis.js';

describe('createRedisClient and createRedisClusterClient', () => {
  it('reject anything but redis:// and rediss:// URLs with TypeError, without repeating them', async () => {
    for (const url of ['', 'not a url', 'http://127.0.0.1:6379', 'postgres://user:secret@h/db']) {
      await assert.rejects(createRedisClient(url), (error: unknown) => {
        assert.ok(error instanceof TypeError, url);
        assert.doesNotMatch(error.message, /secret/);
        return true;
      });
    }
    await assert.rejects(createRedisClusterClient([]), TypeError);
    await assert.rejects(createRedisClusterClient(['redis://127.0.0.1:1', 'http://x']), TypeError);
  });

  it('fail the start with StoreUnavailableError, promptly, when nothing listens', async () => {
    const port = await freePort();
    const started = performance.now();
    await assert.rejects(createRedisClient(`redis://:secret@127.0.0.1:${port}`), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError);
      assert.doesNotMatch(error.message, /secret|127\.0\.0\.1/);
      assert.ok(error.cause instanceof Error);
      return true;
    });
    await assert.rejects(createRedisClusterClient([`redis://127.0.0.1:${port}`]), StoreUnavailableError);
    // A few quick attempts, then the error: no endless reconnect loop left behind (the test would not end).
    assert.ok(performance.now() - started < 5000);
  });
});
