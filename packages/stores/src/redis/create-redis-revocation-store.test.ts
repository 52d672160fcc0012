import type { RevocationEntry } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RedisClientType } from 'redis';
import { createRedisClient } from './create-redis-client.js';
import { createRedisRevocationStore } from './create-redis-revocation-store.js';
import {
  createTestPrefix,
  deleteKeysWithPrefix,
  listKeysWithPrefix,
  requireSharedRedis,
  testRedisUrl,
} from './shared-redis.fixture.js';

const { skip } = await requireSharedRedis();

function revocation(now: Date, lifetimeSeconds = 900): Omit<RevocationEntry, 'cursor'> {
  return {
    sessionId: `session-${randomUUID()}`,
    revokedAt: new Date(now),
    expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
  };
}

describe('createRedisRevocationStore on the shared Redis', { skip }, () => {
  let client: RedisClientType;
  let writer: RedisClientType;
  const prefixes: string[] = [];

  // A prefix (so a stream) of its own per test: "everything live" then means this test's entries.
  function freshPrefix(): string {
    const prefix = createTestPrefix();
    prefixes.push(prefix);
    return prefix;
  }

  before(async () => {
    client = await createRedisClient(testRedisUrl);
    writer = await createRedisClient(testRedisUrl);
  });

  after(async () => {
    // Nothing to clean when `before` could not connect.
    if ((client as RedisClientType | undefined) === undefined) return;
    for (const prefix of prefixes) await deleteKeysWithPrefix(client, prefix);
    await Promise.all([client.close(), writer.close()]);
  });

  it('readRevocations blocks, then wakes within the block time on an append made through another client', async () => {
    const prefix = freshPrefix();
    const follower = createRedisRevocationStore(client, { prefix });
    const appender = createRedisRevocationStore(writer, { prefix });
    try {
      const now = new Date();
      const started = performance.now();
      const reading = follower.readRevocations(null, now, 100, 5000);
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Meanwhile the shared client is free: the blocking read sits on a connection of its own.
      const pingStarted = performance.now();
      await follower.ping();
      assert.ok(performance.now() - pingStarted < 100, 'ping was not held up by the blocking read');
      const [appended] = await appender.appendRevocations([revocation(now)]);
      const read = await reading;
      const elapsed = performance.now() - started;
      assert.deepEqual(read, [appended]);
      assert.ok(elapsed >= 140 && elapsed < 2000, `woke after ${elapsed.toFixed(0)} ms`);
    } finally {
      await Promise.all([follower.close(), appender.close()]);
    }
  });

  it('a follower resuming after its cursor sees every entry once, in order, with no gap', async () => {
    const prefix = freshPrefix();
    const follower = createRedisRevocationStore(client, { prefix });
    const appender = createRedisRevocationStore(writer, { prefix });
    try {
      const now = new Date();
      const appended: RevocationEntry[] = [];
      const seen: RevocationEntry[] = [];
      let cursor: string | null = null;
      const writing = (async () => {
        for (let batch = 0; batch < 20; batch += 1) {
          appended.push(
            ...(await appender.appendRevocations([revocation(now), revocation(now), revocation(now)])),
          );
          if (batch % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      // Small pages, so the follower resumes from a cursor many times while the writer goes on.
      while (seen.length < 60) {
        const page = await follower.readRevocations(cursor, now, 7, 1000);
        seen.push(...page);
        cursor = page.at(-1)?.cursor ?? cursor;
      }
      await writing;
      assert.deepEqual(seen, appended);
      assert.deepEqual(await follower.readRevocations(cursor, now, 10, 50), []);
    } finally {
      await Promise.all([follower.close(), appender.close()]);
    }
  });

  it('readRevocations skips entries expired at now, times out with [] after about blockMs, and blockMs 0 never blocks', async () => {
    const prefix = freshPrefix();
    const store = createRedisRevocationStore(client, { prefix });
    try {
      const now = new Date('2030-01-01T00:00:00.000Z');
      const [expired] = await store.appendRevocations([revocation(new Date(now.getTime() - 3600_000))]);
      assert.ok(expired);
      let started = performance.now();
      assert.deepEqual(await store.readRevocations(null, now, 10, 300), []);
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 250 && elapsed < 1500, `timed out after ${elapsed.toFixed(0)} ms`);
      started = performance.now();
      assert.deepEqual(await store.readRevocations(null, now, 10, 0), []);
      assert.ok(performance.now() - started < 250);
      // An expired entry arriving while blocked does not end the wait; a live one does.
      const reading = store.readRevocations(expired.cursor, now, 10, 3000);
      await store.appendRevocations([revocation(new Date(now.getTime() - 3600_000))]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [live] = await store.appendRevocations([revocation(now)]);
      assert.deepEqual(await reading, [live]);
    } finally {
      await store.close();
    }
  });

  it('serves concurrent blocking reads, each on its own connection', async () => {
    const prefix = freshPrefix();
    const store = createRedisRevocationStore(client, { prefix });
    try {
      const now = new Date();
      const reads = Array.from({ length: 3 }, () => store.readRevocations(null, now, 10, 3000));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const appended = await store.appendRevocations([revocation(now)]);
      for (const read of await Promise.all(reads)) assert.deepEqual(read, appended);
    } finally {
      await store.close();
    }
  });

  it('trims entries older than the longest lifetime it was given, and never a live one', async () => {
    const prefix = freshPrefix();
    const store = createRedisRevocationStore(client, { prefix, retentionSeconds: 1 });
    try {
      const now = new Date();
      // 250 entries with a 1 s lifetime, appended a little over a second ago...
      for (let index = 0; index < 5; index += 1) {
        await store.appendRevocations(Array.from({ length: 50 }, () => revocation(now, 1)));
      }
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const [fresh] = await store.appendRevocations([revocation(new Date(), 1)]);
      const length = Number(await client.sendCommand(['XLEN', `${prefix}:{revocations}:stream`]));
      // ...are gone (XTRIM ~ removes whole macro-nodes of 100, so a few may stay), the new one is there.
      assert.ok(length < 100, `XLEN ${length}`);
      assert.deepEqual(
        await store.listRevocations(null, new Date(), 1000).then((entries) => entries.at(-1)),
        fresh,
      );
      // A lifetime longer than retentionSeconds raises the bar for everybody: nothing is trimmed early.
      const [longLived] = await store.appendRevocations([revocation(new Date(), 3600)]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await store.appendRevocations([revocation(new Date(), 1)]);
      assert.ok(
        (await store.listRevocations(null, new Date(), 1000)).some(
          (entry) => entry.cursor === longLived?.cursor,
        ),
      );
    } finally {
      await store.close();
    }
  });

  it('keeps both of its keys in the {revocations} slot, and cursors are 16-digit positions', async () => {
    const prefix = freshPrefix();
    const store = createRedisRevocationStore(client, { prefix });
    try {
      const [entry] = await store.appendRevocations([revocation(new Date())]);
      assert.match(entry!.cursor, /^\d{16}$/);
      assert.deepEqual((await listKeysWithPrefix(client, prefix)).sort(), [
        `${prefix}:{revocations}:longest-lifetime-ms`,
        `${prefix}:{revocations}:stream`,
      ]);
    } finally {
      await store.close();
    }
  });

  it('rejects caller bugs with TypeError, and every call after close with StoreUnavailableError', async () => {
    assert.throws(() => createRedisRevocationStore(client, { prefix: 'a{b}' }), TypeError);
    assert.throws(() => createRedisRevocationStore(client, { prefix: 'ok', retentionSeconds: 0 }), TypeError);
    const store = createRedisRevocationStore(client, { prefix: freshPrefix() });
    const now = new Date();
    for (const garbage of ['0-1', 'abc', '-1', '']) {
      await assert.rejects(store.readRevocations(garbage, now, 10, 0), TypeError, garbage);
    }
    await assert.rejects(store.readRevocations(null, now, 10, -1), TypeError);
    await assert.rejects(store.readRevocations(null, now, 10, 1.5), TypeError);
    await assert.rejects(store.readRevocations(null, now, -1, 0), TypeError);
    const pending = store.readRevocations(null, now, 10, 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await store.close();
    await assert.rejects(pending, StoreUnavailableError, 'a blocked read ends with close()');
    await assert.rejects(store.appendRevocations([revocation(now)]), StoreUnavailableError);
    await assert.rejects(store.listRevocations(null, now, 10), StoreUnavailableError);
    await assert.rejects(store.ping(), StoreUnavailableError);
  });
});
