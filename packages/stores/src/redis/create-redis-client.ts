import { StoreUnavailableError } from '@tessera/core';
import { createClient } from 'redis';
import type { RedisClientType } from 'redis';
import { checkRedisUrl } from './check-redis-url.js';
import { connectTimeoutMilliseconds, createReconnectStrategy } from './create-reconnect-strategy.js';

/**
 * Options of `createRedisClient` and `createRedisClusterClient`.
 *
 * @example
 * const options: CreateRedisClientOptions = { onError: (error) => logger.warn('redis', { message: error.message }) };
 * const client = await createRedisClient('redis://127.0.0.1:6379', options);
 */
export interface CreateRedisClientOptions {
  /**
   * Called with each connection error (a failed reconnect, a dropped socket). Without it they are
   * dropped: store calls already fail with `StoreUnavailableError` meanwhile. Never throws from here.
   */
  onError?: (error: Error) => void;
}

/**
 * Connects a node-redis client set up so that a Redis outage never hangs a request: commands fail at
 * once while disconnected (`disableOfflineQueue`) instead of queueing, connecting times out after 2 s,
 * and a lost connection is retried in the background forever, at most 2 s apart (see
 * `createReconnectStrategy`), after which the same client works again. The `'error'` event is handled, so
 * an outage never crashes the process. Resolves once connected; rejects with `StoreUnavailableError` when
 * Redis cannot be reached at start-up. The caller owns the client: close it (`client.close()`) after
 * closing the stores that use it.
 *
 * @example
 * const client = await createRedisClient('redis://127.0.0.1:6379');
 * const counters = createRedisCounterStore(client, { prefix: 'tessera' });
 */
export async function createRedisClient(
  url: string,
  options: CreateRedisClientOptions = {},
): Promise<RedisClientType> {
  checkRedisUrl(url, 'createRedisClient');
  const { reconnectStrategy, markConnected } = createReconnectStrategy();
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMilliseconds, reconnectStrategy },
  });
  const { onError } = options;
  client.on('error', (error: Error) => {
    try {
      onError?.(error);
    } catch {
      // A faulty listener must not turn a Redis hiccup into a crash.
    }
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    // Never the URL: it may hold a password.
    throw new StoreUnavailableError('Redis could not be reached at start-up.', error);
  }
  markConnected();
  return client;
}
