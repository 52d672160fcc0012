import { join } from 'node:path';
import type { Logger, TesseraStore } from '@tessera/core';
import { resolveTokenPolicy } from '@tessera/core/config';
import type { RevocationStream } from '@tessera/core/store';
import { composeStore } from '@tessera/stores/compose';
import { openPostgresStore } from '@tessera/stores/postgres';
import {
  createRedisClient,
  createRedisCounterStore,
  createRedisRevocationStore,
} from '@tessera/stores/redis';
import { openSqliteStore } from '@tessera/stores/sqlite';
import type { ServerConfig } from './load-config.js';
import { DATA_DIR_FILES, restrictDataDir } from './restrict-data-dir.js';

/**
 * The store the configuration asks for: users, sessions, keys and audit in PostgreSQL
 * (`DATABASE_URL`) or the embedded SQLite file; rate-limit counters and the revocation feed in Redis
 * (`REDIS_URL`) when set, which is what lets several instances run side by side. The SQLite file
 * and its directory are the owner's only (DESIGN §3.2).
 *
 * @example
 * const store = await openStore(config, logger);
 */
export async function openStore(
  config: ServerConfig,
  logger: Logger,
): Promise<TesseraStore & Partial<RevocationStream>> {
  let base: TesseraStore;
  if (config.databaseUrl === null) {
    restrictDataDir(config.dataDir, logger);
    base = openSqliteStore({ path: join(config.dataDir, DATA_DIR_FILES.database) });
  } else {
    base = await openPostgresStore({ connectionString: config.databaseUrl });
  }
  if (config.redisUrl === null) {
    if (config.databaseUrl !== null) {
      logger.warn(
        'DATABASE_URL is set without REDIS_URL: rate limits and revocations are not shared, so run a single instance',
      );
    }
    return base;
  }
  const client = await createRedisClient(config.redisUrl);
  const tokens = resolveTokenPolicy(config.deps.tokens);
  const retentionSeconds = tokens.accessTokenTtlSeconds + tokens.clockSkewSeconds;
  const store = composeStore({
    base,
    counters: createRedisCounterStore(client, { prefix: config.redisPrefix }),
    revocations: createRedisRevocationStore(client, { prefix: config.redisPrefix, retentionSeconds }),
  });
  // The composed store closes its parts; the Redis client they share is ours to close, last.
  const closeParts = store.close.bind(store);
  store.close = async () => {
    try {
      await closeParts();
    } finally {
      // Nothing is in flight once the server has closed; destroy also stops reconnect attempts.
      client.destroy();
    }
  };
  return store;
}
