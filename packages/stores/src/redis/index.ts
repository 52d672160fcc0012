export { createRedisClient } from './create-redis-client.js';
export type { CreateRedisClientOptions } from './create-redis-client.js';
export { createRedisClusterClient } from './create-redis-cluster-client.js';
export { createRedisCounterStore } from './create-redis-counter-store.js';
export type { RedisCounterStore, RedisCounterStoreOptions } from './create-redis-counter-store.js';
export { createRedisRevocationStore } from './create-redis-revocation-store.js';
export type { RedisRevocationStore, RedisRevocationStoreOptions } from './create-redis-revocation-store.js';
export { formatCounterKey } from './format-counter-key.js';
export type {
  RedisClusterConnection,
  RedisConnection,
  RedisNodeConnection,
  RedisStandaloneConnection,
} from './redis-connection.js';
