import { StoreUnavailableError } from '@tessera/core';
import { createCluster } from 'redis';
import type { RedisClusterType } from 'redis';
import { checkRedisUrl } from './check-redis-url.js';
import type { CreateRedisClientOptions } from './create-redis-client.js';
import { connectTimeoutMilliseconds, createReconnectStrategy } from './create-reconnect-strategy.js';

/**
 * Connects a node-redis Redis Cluster client with the outage settings of `createRedisClient` on every
 * node's connection (no offline queue, 2 s connect timeout, background reconnection at most 2 s apart).
 * `rootNodes` are `redis://host:port` URLs of some of the nodes (the client discovers the rest). Resolves
 * once the slots are known and the masters connected; rejects with `StoreUnavailableError` when none of
 * the root nodes can be reached at start-up. The caller owns the client and closes it.
 *
 * @example
 * const cluster = await createRedisClusterClient(['redis://10.0.0.1:6379', 'redis://10.0.0.2:6379']);
 * const revocations = createRedisRevocationStore(cluster, { prefix: 'tessera' });
 */
export async function createRedisClusterClient(
  rootNodes: string[],
  options: CreateRedisClientOptions = {},
): Promise<RedisClusterType> {
  if (!Array.isArray(rootNodes) || rootNodes.length === 0) {
    throw new TypeError('createRedisClusterClient: rootNodes must be a non-empty array of redis:// URLs.');
  }
  for (const url of rootNodes) checkRedisUrl(url, 'createRedisClusterClient');
  const { reconnectStrategy, markConnected } = createReconnectStrategy();
  const cluster = createCluster({
    rootNodes: rootNodes.map((url) => ({ url })),
    defaults: {
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMilliseconds, reconnectStrategy },
    },
  });
  const { onError } = options;
  cluster.on('error', (error: Error) => {
    try {
      onError?.(error);
    } catch {
      // A faulty listener must not turn a Redis hiccup into a crash.
    }
  });
  try {
    await cluster.connect();
  } catch (error) {
    if (cluster.isOpen) cluster.destroy();
    throw new StoreUnavailableError('Redis Cluster could not be reached at start-up.', error);
  }
  markConnected();
  return cluster;
}
