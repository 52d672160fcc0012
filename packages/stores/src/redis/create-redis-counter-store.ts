import type { CounterState, CounterStore } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import { checkKeyPrefix } from './check-key-prefix.js';
import { deleteExpiredCounterScript, incrementCounterScript } from './counter-scripts.js';
import { createRedisLink } from './create-redis-link.js';
import { counterKeyPattern, formatCounterKey } from './format-counter-key.js';
import type { RedisConnection } from './redis-connection.js';
import { runRedisScript } from './redis-script.js';
import { toRedisStoreError } from './to-redis-store-error.js';

/**
 * Options of `createRedisCounterStore`.
 *
 * @example
 * const options: RedisCounterStoreOptions = { prefix: `test-${process.pid}` };
 * const counters = createRedisCounterStore(client, options);
 */
export interface RedisCounterStoreOptions {
  /** The first part of every key, so several deployments (or test runs) can share one Redis. */
  prefix: string;
}

/**
 * A `CounterStore` in Redis, with the `ping` and `close` that `composeStore` calls on its parts.
 *
 * @example
 * const counters: RedisCounterStore = createRedisCounterStore(client, { prefix: 'tessera' });
 * await counters.ping();
 * await counters.close(); // then client.close(): the client is the caller's
 */
export interface RedisCounterStore extends CounterStore {
  /** Resolves when every Redis node holding counters answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Stops this store (later calls reject with `StoreUnavailableError`). Leaves the client open: it is the caller's. */
  close(): Promise<void>;
}

/**
 * How much longer than its window Redis keeps a counter's key. Liveness is decided by the callers'
 * `now`, Redis's own clock only drops the key; if a caller's clock ran ahead of Redis's by more than
 * this, Redis would still hold the key when that caller read it as expired, which is harmless. The other
 * way round (Redis dropping a window the callers still count) would reset a throttle early: the margin
 * absorbs callers' clocks that run behind Redis's.
 */
const ttlMarginMilliseconds = 5 * 60 * 1000;

/** How many keys one `SCAN` step asks for while sweeping expired counters. */
const scanCount = '1000';

/**
 * Fixed-window counters (login throttling) in Redis, shared by every instance that uses the same Redis and
 * prefix. Works on standalone Redis and on Redis Cluster: each call touches one key, and a counter's key
 * carries its hash tag (see `formatCounterKey`). Each `incrementCounter` is one Lua script, so concurrent
 * increments from any number of instances never lose a count.
 *
 * While Redis is unreachable every method rejects with `StoreUnavailableError` (within about 2 s at most,
 * at once when the connection is known to be down); the store works again by itself once the client has
 * reconnected. The client stays the caller's: `close()` does not close it.
 *
 * @example
 * const client = await createRedisClient('redis://127.0.0.1:6379');
 * const counters = createRedisCounterStore(client, { prefix: 'tessera' });
 * await counters.incrementCounter('login-ip:{203.0.113.7}', 1, 900, new Date());
 */
export function createRedisCounterStore(
  client: RedisConnection,
  options: RedisCounterStoreOptions,
): RedisCounterStore {
  checkKeyPrefix(options.prefix, 'createRedisCounterStore');
  const { prefix } = options;
  const link = createRedisLink(client);
  let closed = false;

  // Checks run first and throw `TypeError` (caller bugs); only what Redis does becomes StoreUnavailableError.
  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError(`Redis store: ${operation} after close().`, undefined);
    try {
      return await work();
    } catch (error) {
      throw toRedisStoreError(error, operation);
    }
  }

  function redisKey(key: string, operation: string): string {
    if (typeof key !== 'string') throw new TypeError(`${operation}: key must be a string.`);
    return formatCounterKey(prefix, key);
  }

  return {
    async incrementCounter(key, delta, windowSeconds, now) {
      const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
      const counterKey = redisKey(key, 'incrementCounter');
      const ttlMillis = windowSeconds * 1000 + ttlMarginMilliseconds;
      const reply = await run('incrementCounter', () =>
        runRedisScript(
          link,
          incrementCounterScript,
          [counterKey],
          [String(delta), String(nowMillis), String(expiresAtMillis), String(ttlMillis)],
        ),
      );
      return reply === null ? null : counterFromReply(reply, 'incrementCounter');
    },

    async getCounter(key, now) {
      const nowMillis = checkDate(now, 'getCounter: now');
      const counterKey = redisKey(key, 'getCounter');
      // One HMGET reads both fields at once: no script needed to read a consistent state.
      const reply = await run('getCounter', () =>
        link.send(counterKey, ['HMGET', counterKey, 'count', 'expiresAtMs']),
      );
      if (!Array.isArray(reply) || reply[0] === null || reply[0] === undefined) return null;
      const counter = counterFromReply(reply, 'getCounter');
      return counter.expiresAt.getTime() > nowMillis ? counter : null;
    },

    async deleteCounter(key) {
      const counterKey = redisKey(key, 'deleteCounter');
      await run('deleteCounter', () => link.send(counterKey, ['UNLINK', counterKey]));
    },

    /**
     * Redis drops a counter's key by itself some minutes after its window, so with Redis this sweep is
     * optional. It still deletes exactly the counters expired at `now` (the contract's clock, not Redis's):
     * a `SCAN` of this prefix's counter keys on every node, one atomic check-and-delete per expired key.
     * Its cost grows with the whole keyspace, so run it rarely (Tessera's server does every 10 minutes).
     */
    async deleteExpiredCounters(now) {
      const nowMillis = String(checkDate(now, 'deleteExpiredCounters: now'));
      return run('deleteExpiredCounters', async () => {
        let deleted = 0;
        for (const send of await link.nodes()) {
          let cursor = '0';
          do {
            const reply = await send([
              'SCAN',
              cursor,
              'MATCH',
              counterKeyPattern(prefix),
              'COUNT',
              scanCount,
            ]);
            const [nextCursor, keys] = parseScanReply(reply);
            cursor = nextCursor;
            // Each key is its own script call: keys of one SCAN page may sit in different slots.
            const results = await Promise.all(
              keys.map((key) => runRedisScript(link, deleteExpiredCounterScript, [key], [nowMillis])),
            );
            for (const result of results) deleted += result === 1 ? 1 : 0;
          } while (cursor !== '0');
        }
        return deleted;
      });
    },

    ping() {
      return run('ping', async () => {
        await Promise.all((await link.nodes()).map((send) => send(['PING'])));
      });
    },

    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

// A reply of `[count, expiresAtMs]`, as the increment script returns it and HMGET reads it.
function counterFromReply(reply: unknown, operation: string): CounterState {
  if (Array.isArray(reply)) {
    const count = Number(reply[0]);
    const expiresAtMillis = Number(reply[1]);
    if (Number.isSafeInteger(count) && Number.isSafeInteger(expiresAtMillis)) {
      return { count, expiresAt: new Date(expiresAtMillis) };
    }
  }
  throw new StoreUnavailableError(`Redis store: ${operation} read a malformed counter.`, undefined);
}

function parseScanReply(reply: unknown): [string, string[]] {
  if (Array.isArray(reply) && reply.length === 2 && Array.isArray(reply[1])) {
    return [String(reply[0]), (reply[1] as unknown[]).map(String)];
  }
  throw new Error('Unexpected SCAN reply.');
}
