// A private redis-server is stopped under the stores and started again on the same port: every method
// must reject promptly with StoreUnavailableError meanwhile (never hang, never look like "not found"),
// and the same store instances, on the same client, must work again by themselves afterwards.
import type { RevocationEntry } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import { RevocationFeed } from '@tessera/core/revocation';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { RedisClientType } from 'redis';
import { composeStore } from '../compose/index.js';
import { requireService } from '../lib/require-service.js';
import { createMemoryStore } from '../memory/index.js';
import { createRedisClient } from './create-redis-client.js';
import { createRedisCounterStore } from './create-redis-counter-store.js';
import { createRedisRevocationStore } from './create-redis-revocation-store.js';
import { PrivateRedis } from '../../../../test/support/private-redis.js';

const { skip } = await requireService(
  'redis-server (to start a private Redis)',
  () => promisify(execFile)('redis-server', ['--version']),
  'install Redis 7 (the redis-server package)',
);

/** Generous: a call that takes this long is hanging, not failing fast. */
const hangMs = 5000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(
  what: string,
  timeoutMs: number,
  check: () => boolean | Promise<boolean>,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('Redis stores while their Redis goes away and comes back', { skip }, () => {
  let redis: PrivateRedis | undefined;
  let client: RedisClientType | undefined;
  const connectionErrors: Error[] = [];

  before(async () => {
    redis = await PrivateRedis.start();
    client = await createRedisClient(redis.url, { onError: (error) => connectionErrors.push(error) });
  });

  after(async () => {
    client?.destroy();
    await redis?.destroy();
  });

  it('rejects every call with StoreUnavailableError during the outage, then recovers without a new client', async (t) => {
    assert.ok(redis && client);
    const prefix = 'tessera-fault';
    const counters = createRedisCounterStore(client, { prefix });
    const revocations = createRedisRevocationStore(client, { prefix });
    const store = composeStore({ base: createMemoryStore(), counters, revocations });
    const now = (): Date => new Date();
    const revocation = (sessionId: string): Omit<RevocationEntry, 'cursor'> => ({
      sessionId,
      revokedAt: now(),
      expiresAt: new Date(Date.now() + 900_000),
    });

    assert.equal((await store.incrementCounter('login-ip:{192.0.2.9}', 1, 900, now()))?.count, 1);
    await store.appendRevocations([revocation('before')]);

    // A follower loop, as core's RevocationFeed runs one: read, and on failure wait a little and retry.
    const followed: string[] = [];
    const failures: unknown[] = [];
    const stopFollowing = new AbortController();
    let cursor: string | null = null;
    const follower = (async () => {
      while (!stopFollowing.signal.aborted) {
        try {
          const page = await store.readRevocations!(cursor, now(), 100, 300);
          followed.push(...page.map((entry) => entry.sessionId));
          cursor = page.at(-1)?.cursor ?? cursor;
        } catch (error) {
          failures.push(error);
          await sleep(50);
        }
      }
    })();
    await until('the follower reads the first entry', 2000, () => followed.includes('before'));

    await redis.stop();
    const calls: Record<string, () => Promise<unknown>> = {
      incrementCounter: () => store.incrementCounter('login-ip:{192.0.2.9}', 1, 900, now()),
      getCounter: () => store.getCounter('login-ip:{192.0.2.9}', now()),
      deleteCounter: () => store.deleteCounter('login-ip:{192.0.2.9}'),
      deleteExpiredCounters: () => store.deleteExpiredCounters(now()),
      appendRevocations: () => store.appendRevocations([revocation('during')]),
      listRevocations: () => store.listRevocations(null, now(), 10),
      deleteExpiredRevocations: () => store.deleteExpiredRevocations(now()),
      readRevocations: () => store.readRevocations!(null, now(), 10, 1000),
      'counters.ping': () => counters.ping(),
      'revocations.ping': () => revocations.ping(),
      'composed ping': () => store.ping(),
    };
    const timings: string[] = [];
    for (const [name, call] of Object.entries(calls)) {
      const started = performance.now();
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError, `${name}: ${String(error)}`);
        assert.ok(error.cause !== undefined, `${name}: the driver error is the cause`);
        assert.doesNotMatch(error.message, /192\.0\.2\.9|during/, `${name}: no key or value in the message`);
        return true;
      });
      const elapsed = performance.now() - started;
      timings.push(`${name} ${elapsed.toFixed(1)} ms`);
      assert.ok(elapsed < hangMs, `${name} took ${elapsed.toFixed(0)} ms`);
    }
    t.diagnostic(`rejections while down: ${timings.join(', ')}`);
    await until('the follower notices the outage', 2000, () => failures.length > 0);
    assert.ok(
      connectionErrors.length > 0,
      "the client's 'error' events reached onError (and crashed nothing)",
    );

    const restarted = performance.now();
    await redis.resume();
    const recoveredAfter = await until('the stores answer again', 10_000, async () => {
      try {
        await store.ping();
        return true;
      } catch {
        return false;
      }
    });
    t.diagnostic(
      `redis-server restarted in ${(performance.now() - restarted - recoveredAfter).toFixed(0)} ms; stores answered ${recoveredAfter.toFixed(0)} ms later`,
    );

    // The restarted server kept nothing: the counter starts over, and the new entry's position is still
    // after the follower's cursor from before (positions come from the server's clock).
    assert.equal((await store.incrementCounter('login-ip:{192.0.2.9}', 1, 900, now()))?.count, 1);
    assert.equal((await store.getCounter('login-ip:{192.0.2.9}', now()))?.count, 1);
    await store.deleteCounter('login-ip:{192.0.2.9}');
    assert.equal(await store.deleteExpiredCounters(now()), 0);
    const [afterEntry] = await store.appendRevocations([revocation('after')]);
    assert.ok(afterEntry);
    const caughtUp = await until('the same follower loop sees the new entry', 10_000, () =>
      followed.includes('after'),
    );
    t.diagnostic(
      `follower caught up ${caughtUp.toFixed(0)} ms after the append; ${failures.length} failed reads meanwhile`,
    );
    assert.deepEqual(followed, ['before', 'after']);
    assert.ok(failures.every((error) => error instanceof StoreUnavailableError));
    assert.deepEqual(
      (await store.listRevocations(null, now(), 10)).map((entry) => entry.sessionId),
      ['after'],
    );
    assert.equal(await store.deleteExpiredRevocations(now()), 0);

    stopFollowing.abort();
    await follower;
    await store.close();
  });

  it('gives up on a hung Redis (connections open, no answers) after the 2 s command deadline', async (t) => {
    assert.ok(redis && client);
    const counters = createRedisCounterStore(client, { prefix: 'tessera-hang' });
    const revocations = createRedisRevocationStore(client, { prefix: 'tessera-hang' });
    await revocations.readRevocations(null, new Date(), 10, 0);
    redis.freeze();
    try {
      const started = performance.now();
      const outcomes = await Promise.allSettled([
        counters.incrementCounter('k', 1, 60, new Date()),
        counters.getCounter('k', new Date()),
        counters.ping(),
        revocations.listRevocations(null, new Date(), 10),
        revocations.readRevocations(null, new Date(), 10, 500),
      ]);
      const elapsed = performance.now() - started;
      t.diagnostic(`5 concurrent calls to a frozen Redis all rejected after ${elapsed.toFixed(0)} ms`);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected');
        assert.ok(outcome.reason instanceof StoreUnavailableError);
      }
      assert.ok(elapsed >= 1900 && elapsed < hangMs, `${elapsed.toFixed(0)} ms`);
    } finally {
      redis.thaw();
    }
    // The replies held up by the freeze arrive and are dropped; the connection is still in step.
    await until('the stores answer again', 5000, async () => {
      try {
        await counters.ping();
        return true;
      } catch {
        return false;
      }
    });
    assert.equal((await counters.incrementCounter('k2', 1, 60, new Date()))?.count, 1);
    assert.deepEqual(await revocations.listRevocations(null, new Date(), 10), []);
    await Promise.all([counters.close(), revocations.close()]);
  });
  // Issue 11 (7): a hung Redis never closes the follower's connection; the blocking read's deadline
  // must report the feed lost, counted from when the log last answered, and it must recover by itself.
  it('reports a frozen Redis as lost since the log last answered, and healthy again after it thaws', async () => {
    assert.ok(redis && client);
    const store = createRedisRevocationStore(client, { prefix: 'tessera-feed-freeze' });
    let now = new Date('2026-01-01T00:00:00Z');
    const feed = new RevocationFeed(store, 960, { clock: { now: () => now } });
    const states: { healthy: boolean; at: Date }[] = [];
    feed.onStateChange((state) => states.push(state));
    try {
      await feed.loadBacklog(); // Redis answers
      feed.start(); // its first read is sent at once
      const lastAnswer = now;
      redis.freeze();
      try {
        // Time passes in the fake clock while the read hangs; the loss still counts from before.
        now = new Date(now.getTime() + 600_000);
        await until('the feed is reported lost', 20_000, () => states.length > 0);
      } finally {
        redis.thaw();
      }
      assert.equal(states[0]?.healthy, false);
      assert.ok(states[0].at.getTime() <= lastAnswer.getTime(), `lost at ${states[0].at.toISOString()}`);
      await until('the feed recovers', 20_000, () => feed.healthy);
      assert.deepEqual(
        states.map((state) => state.healthy),
        [false, true],
      );
    } finally {
      await feed.stop();
      await store.close();
    }
  });
});
