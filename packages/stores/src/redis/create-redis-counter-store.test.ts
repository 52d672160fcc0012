import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RedisClientType } from 'redis';
import { createRedisClient } from './create-redis-client.js';
import { createRedisCounterStore } from './create-redis-counter-store.js';
import { findHashTag } from './find-hash-tag.js';
import { formatCounterKey } from './format-counter-key.js';
import {
  createTestPrefix,
  deleteKeysWithPrefix,
  listKeysWithPrefix,
  requireSharedRedis,
  testRedisUrl,
} from './shared-redis.fixture.js';

const { skip } = await requireSharedRedis();
const T0 = new Date('2030-01-01T00:00:00.000Z');

describe('createRedisCounterStore on the shared Redis', { skip }, () => {
  const prefix = createTestPrefix();
  let client: RedisClientType;

  before(async () => {
    client = await createRedisClient(testRedisUrl);
  });

  after(async () => {
    // Nothing to clean when `before` could not connect.
    if ((client as RedisClientType | undefined) === undefined) return;
    await deleteKeysWithPrefix(client, prefix);
    await client.close();
  });

  it('60 concurrent increments of one key from two clients end at exactly 60, each seeing a distinct count', async () => {
    const other = await createRedisClient(testRedisUrl);
    try {
      const stores = [
        createRedisCounterStore(client, { prefix }),
        createRedisCounterStore(other, { prefix }),
      ];
      const key = 'login-ip:{198.51.100.60}';
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) => stores[index % 2]!.incrementCounter(key, 1, 900, T0)),
      );
      assert.deepEqual(
        results.map((state) => state?.count).sort((a, b) => a! - b!),
        Array.from({ length: 60 }, (_, index) => index + 1),
      );
      assert.equal((await stores[0]!.getCounter(key, T0))?.count, 60);
    } finally {
      await other.close();
    }
  });

  it('stores a counter under a hash-tagged key, with a TTL set on creation only', async () => {
    const store = createRedisCounterStore(client, { prefix });
    const key = 'login-account:{198.51.100.7}:9f86d081884c7d65';
    await store.incrementCounter(key, 1, 60, T0);
    const redisKey = formatCounterKey(prefix, key);
    assert.equal(redisKey, `${prefix}:{198.51.100.7}:counter:${key}`);
    const ttl = Number(await client.sendCommand(['PTTL', redisKey]));
    // 60 s window + the 5 min margin, a little less by now.
    assert.ok(ttl > 355_000 && ttl <= 360_000, `PTTL ${ttl}`);
    await client.sendCommand(['PEXPIRE', redisKey, '100000']);
    await store.incrementCounter(key, 1, 60, new Date(T0.getTime() + 1000));
    assert.ok(
      Number(await client.sendCommand(['PTTL', redisKey])) <= 100_000,
      'a later increment leaves the TTL alone',
    );
  });

  it('keeps the keys of one client IP in one slot, and every key under the prefix carries a hash tag', async () => {
    const store = createRedisCounterStore(client, { prefix });
    const keys = [
      'login-ip:{192.0.2.1}',
      'login-account:{192.0.2.1}:abc',
      'plain-key',
      '',
      'odd}key',
      'a{}b',
    ];
    for (const key of keys) await store.incrementCounter(key, 1, 900, T0);
    assert.equal(findHashTag(formatCounterKey(prefix, keys[0]!)), '192.0.2.1');
    assert.equal(findHashTag(formatCounterKey(prefix, keys[1]!)), '192.0.2.1');
    for (const key of keys) assert.equal((await store.getCounter(key, T0))?.count, 1, JSON.stringify(key));
    const stored = await listKeysWithPrefix(client, prefix);
    assert.ok(stored.length >= keys.length);
    for (const redisKey of stored) {
      const tag = findHashTag(redisKey);
      assert.ok(tag !== null && tag !== '', `${redisKey} has no hash tag`);
    }
  });

  it('deleteExpiredCounters deletes only this prefix’s counters expired at now', async () => {
    const otherPrefix = createTestPrefix();
    try {
      const store = createRedisCounterStore(client, { prefix });
      const neighbour = createRedisCounterStore(client, { prefix: otherPrefix });
      await neighbour.incrementCounter('k', 1, 1, T0);
      await store.incrementCounter('sweep-me', 1, 1, T0);
      assert.ok((await store.deleteExpiredCounters(new Date(T0.getTime() + 1000))) >= 1);
      assert.equal(await store.getCounter('sweep-me', T0), null);
      assert.equal((await neighbour.getCounter('k', T0))?.count, 1, 'another prefix is left alone');
    } finally {
      await deleteKeysWithPrefix(client, otherPrefix);
    }
  });

  it('rejects a prefix that could break hash tags or SCAN patterns, and a non-string key', async () => {
    for (const prefix of ['', 'a{b}', 'a*', 'a b', 'a[1]']) {
      assert.throws(() => createRedisCounterStore(client, { prefix }), TypeError, JSON.stringify(prefix));
    }
    const store = createRedisCounterStore(client, { prefix });
    await assert.rejects(store.getCounter(42 as unknown as string, T0), TypeError);
  });

  it('pings, and after close rejects every call with StoreUnavailableError (the client stays open)', async () => {
    const store = createRedisCounterStore(client, { prefix });
    await store.ping();
    await store.close();
    await assert.rejects(store.incrementCounter('k', 1, 60, T0), StoreUnavailableError);
    await assert.rejects(store.getCounter('k', T0), StoreUnavailableError);
    await assert.rejects(store.ping(), StoreUnavailableError);
    assert.equal(await client.sendCommand(['PING']), 'PONG');
  });
});
