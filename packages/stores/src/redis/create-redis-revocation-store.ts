// The revocation stream, its Lua scripts' callers and the cursor rules belong to one Redis key
// layout and are only correct together; the connections for blocking reads are pooled apart
// (blocking-connection-pool.ts).
import type { RevocationEntry, RevocationStore, RevocationStream } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { createBlockingConnectionPool } from './blocking-connection-pool.js';
import { checkKeyPrefix } from './check-key-prefix.js';
import { commandDeadlineMilliseconds, createRedisLink } from './create-redis-link.js';
import { parseStreamEntries, parseStreamPosition, parseXreadReply } from './parse-stream-entries.js';
import type { StreamEntry } from './parse-stream-entries.js';
import type { RedisConnection } from './redis-connection.js';
import { runRedisScript } from './redis-script.js';
import { appendRevocationsScript, deleteExpiredRevocationsScript } from './revocation-scripts.js';
import { toRedisStoreError } from './to-redis-store-error.js';
import { withDeadline } from './with-deadline.js';

/**
 * Options of `createRedisRevocationStore`.
 *
 * @example
 * // Access tokens live 900 s, plus 60 s of clock leeway.
 * const options: RedisRevocationStoreOptions = { prefix: 'tessera', retentionSeconds: 960 };
 * const revocations = createRedisRevocationStore(client, options);
 */
export interface RedisRevocationStoreOptions {
  /** The first part of every key, so several deployments (or test runs) can share one Redis. */
  prefix: string;
  /**
   * How long after its append an entry is kept at least before appends trim it by age: the longest
   * revocation lifetime (access-token TTL + clock leeway). Default 3600. Entries given a longer lifetime
   * (`expiresAt - revokedAt`) are kept that long anyway: the store remembers the longest one it was given.
   */
  retentionSeconds?: number;
}

/**
 * The revocation log in a Redis Stream: a `RevocationStore` that pushes (`RevocationStream`).
 *
 * @example
 * const revocations: RedisRevocationStore = createRedisRevocationStore(client, { prefix: 'tessera' });
 * const store = composeStore({ base, revocations }); // store.close() closes it too
 */
export interface RedisRevocationStore extends RevocationStore, RevocationStream {
  /** Resolves when the Redis node holding the stream answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  /**
   * Stops this store: destroys the connections it opened for blocking reads (a pending
   * `readRevocations` rejects) and rejects later calls. Leaves the client open: it is the caller's.
   */
  close(): Promise<void>;
}

const defaultRetentionSeconds = 3600;
/** Entries read per `XRANGE` page while listing and sweeping. */
const pageSize = 1000;

/**
 * The revocation log on a Redis Stream at `<prefix>:{revocations}:stream`, followed by every instance:
 * `readRevocations` waits with `XREAD BLOCK` for entries after a cursor, so a revocation made anywhere
 * reaches every follower within one round trip. Cursors are 16-digit decimal positions (see
 * `appendRevocationsScript`), resumable without gaps, and never reused. Both of its keys share the hash
 * tag `{revocations}`, so it works on Redis Cluster as is.
 *
 * Blocking reads run on connections this store duplicates from `client` (lazily, one per concurrent
 * read), never on `client` itself, where they would hold up every other command. While Redis is
 * unreachable every method rejects with `StoreUnavailableError`; the store works again by itself once
 * the client has reconnected. `client` stays the caller's: `close()` closes only the store's own
 * blocking connections.
 *
 * @example
 * const client = await createRedisClient('redis://127.0.0.1:6379');
 * const revocations = createRedisRevocationStore(client, { prefix: 'tessera', retentionSeconds: 960 });
 * const entries = await revocations.readRevocations(cursor, new Date(), 1000, 5000);
 */
export function createRedisRevocationStore(
  client: RedisConnection,
  options: RedisRevocationStoreOptions,
): RedisRevocationStore {
  checkKeyPrefix(options.prefix, 'createRedisRevocationStore');
  const retentionSeconds = options.retentionSeconds ?? defaultRetentionSeconds;
  if (!Number.isSafeInteger(retentionSeconds) || retentionSeconds <= 0) {
    throw new TypeError('createRedisRevocationStore: retentionSeconds must be a positive integer.');
  }
  const retentionMillis = String(retentionSeconds * 1000);
  const streamKey = `${options.prefix}:{revocations}:stream`;
  const lifetimeKey = `${options.prefix}:{revocations}:longest-lifetime-ms`;
  const link = createRedisLink(client);
  const blockingConnections = createBlockingConnectionPool(link);
  let closed = false;

  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError(`Redis store: ${operation} after close().`, undefined);
    try {
      return await work();
    } catch (error) {
      throw toRedisStoreError(error, operation);
    }
  }

  // Live entries strictly after `afterPosition`, at most `limit`, and the position of the last entry
  // looked at (live or not), where a blocking read continues without seeing expired entries again.
  async function listLive(
    afterPosition: number,
    nowMillis: number,
    limit: number,
  ): Promise<{ entries: RevocationEntry[]; lastPosition: number }> {
    const live: RevocationEntry[] = [];
    let lastPosition = afterPosition;
    while (live.length < limit) {
      const count = Math.min(Math.max(limit - live.length, 16), pageSize * 10);
      const page = parseStreamEntries(
        await link.send(streamKey, ['XRANGE', streamKey, `(0-${lastPosition}`, '+', 'COUNT', String(count)]),
      );
      for (const entry of page) {
        lastPosition = entry.position;
        if (entry.expiresAtMillis > nowMillis) live.push(toRevocation(entry));
        // Stop at the limit-th live entry, so the next page resumes right after it.
        if (live.length === limit) break;
      }
      if (page.length < count) break;
    }
    return { entries: live, lastPosition };
  }

  async function waitForEntries(
    afterPosition: number,
    nowMillis: number,
    limit: number,
    blockMs: number,
  ): Promise<RevocationEntry[]> {
    const connection = blockingConnections.acquire();
    try {
      // A copy still connecting (first use, or Redis is down) gets the same deadline as any command.
      await withDeadline(connection.ready, commandDeadlineMilliseconds);
      const deadline = Date.now() + blockMs;
      let lastPosition = afterPosition;
      for (;;) {
        const remaining = deadline - Date.now();
        // BLOCK 0 would mean "forever".
        if (remaining < 1) return [];
        const args = ['XREAD', 'COUNT', String(limit), 'BLOCK', String(remaining), 'STREAMS', streamKey];
        const reply = await connection.link.send(
          streamKey,
          [...args, `0-${lastPosition}`],
          remaining + commandDeadlineMilliseconds,
        );
        if (reply === null) return [];
        const arrived = parseXreadReply(reply);
        const live = arrived.filter((entry) => entry.expiresAtMillis > nowMillis);
        if (live.length > 0) return live.map(toRevocation);
        // Only entries already expired at `now` arrived: wait on after them for the rest of the time.
        lastPosition = arrived.at(-1)?.position ?? lastPosition;
      }
    } finally {
      blockingConnections.release(connection);
    }
  }

  return {
    async appendRevocations(entries) {
      // Every entry is checked (and copied: the caller may change its Dates meanwhile) before any is
      // sent, so a batch is appended whole or not at all.
      const checked: StreamEntry[] = entries.map((entry) => {
        if (typeof entry.sessionId !== 'string') {
          throw new TypeError('appendRevocations: sessionId must be a string.');
        }
        return {
          position: 0,
          sessionId: entry.sessionId,
          revokedAtMillis: checkDate(entry.revokedAt, 'appendRevocations: revokedAt'),
          expiresAtMillis: checkDate(entry.expiresAt, 'appendRevocations: expiresAt'),
        };
      });
      return run('appendRevocations', async () => {
        if (checked.length === 0) return [];
        const args = checked.flatMap((entry) => [
          entry.sessionId,
          String(entry.revokedAtMillis),
          String(entry.expiresAtMillis),
        ]);
        const reply = await runRedisScript(
          link,
          appendRevocationsScript,
          [streamKey, lifetimeKey],
          [retentionMillis, ...args],
        );
        if (!Array.isArray(reply) || reply.length !== checked.length) {
          throw new Error('Unexpected append reply.');
        }
        return checked.map((entry, index) =>
          toRevocation({ ...entry, position: parseStreamPosition(String(reply[index])) }),
        );
      });
    },

    async listRevocations(afterCursor, now, limit) {
      checkListLimit(limit, 'listRevocations');
      const afterPosition = parseRevocationCursor(afterCursor, 'listRevocations');
      const nowMillis = checkDate(now, 'listRevocations: now');
      return run('listRevocations', async () => {
        if (limit === 0) return [];
        return (await listLive(afterPosition, nowMillis, limit)).entries;
      });
    },

    async deleteExpiredRevocations(now) {
      const nowMillis = String(checkDate(now, 'deleteExpiredRevocations: now'));
      return run('deleteExpiredRevocations', async () => {
        let deleted = 0;
        let start = '-';
        for (;;) {
          const reply = await runRedisScript(
            link,
            deleteExpiredRevocationsScript,
            [streamKey],
            [start, nowMillis, String(pageSize)],
          );
          if (!Array.isArray(reply) || reply.length !== 3) throw new Error('Unexpected sweep reply.');
          deleted += Number(reply[2]);
          if (Number(reply[0]) < pageSize) return deleted;
          start = `(${String(reply[1])}`;
        }
      });
    },

    async readRevocations(afterCursor, now, limit, blockMs) {
      checkListLimit(limit, 'readRevocations');
      const afterPosition = parseRevocationCursor(afterCursor, 'readRevocations');
      const nowMillis = checkDate(now, 'readRevocations: now');
      if (!Number.isSafeInteger(blockMs) || blockMs < 0) {
        throw new TypeError('readRevocations: blockMs must be a non-negative integer.');
      }
      return run('readRevocations', async () => {
        if (limit === 0) return [];
        // What is already there comes from the shared client, without blocking anything.
        const { entries, lastPosition } = await listLive(afterPosition, nowMillis, limit);
        if (entries.length > 0 || blockMs === 0) return entries;
        return waitForEntries(lastPosition, nowMillis, limit, blockMs);
      });
    },

    ping() {
      return run('ping', async () => {
        await link.send(streamKey, ['PING']);
      });
    },

    close() {
      closed = true;
      blockingConnections.destroyAll();
      return Promise.resolve();
    },
  };
}

function toRevocation(entry: StreamEntry): RevocationEntry {
  return {
    cursor: formatRevocationCursor(entry.position),
    sessionId: entry.sessionId,
    revokedAt: new Date(entry.revokedAtMillis),
    expiresAt: new Date(entry.expiresAtMillis),
  };
}
