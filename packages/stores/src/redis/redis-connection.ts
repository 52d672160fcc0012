/**
 * The part of a node-redis standalone client (`createClient` of the `redis` package, v5 or v6) that the
 * Redis stores use. Declared structurally, so a client with extra modules, scripts or either RESP version
 * fits; `createRedisClient` returns one configured for outages.
 *
 * @example
 * const client: RedisStandaloneConnection = await createRedisClient('redis://127.0.0.1:6379');
 * const counters = createRedisCounterStore(client, { prefix: 'tessera' });
 */
export interface RedisStandaloneConnection {
  sendCommand(args: readonly string[]): Promise<unknown>;
  duplicate(): RedisStandaloneConnection;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A client for one node of a cluster, as `RedisClusterConnection.nodeClient` resolves it.
 *
 * @example
 * for (const master of cluster.masters) {
 *   const node: RedisNodeConnection = await cluster.nodeClient(master);
 *   await node.sendCommand(['PING']);
 * }
 */
export interface RedisNodeConnection {
  sendCommand(args: readonly string[]): Promise<unknown>;
}

/**
 * The part of a node-redis cluster client (`createCluster`) that the Redis stores use. Every command the
 * stores send names one key (or keys of one hash slot), so the cluster routes it to one node.
 *
 * @example
 * const cluster: RedisClusterConnection = await createRedisClusterClient(['redis://10.0.0.1:6379', 'redis://10.0.0.2:6379']);
 * const counters = createRedisCounterStore(cluster, { prefix: 'tessera' });
 */
export interface RedisClusterConnection {
  sendCommand(
    firstKey: string | undefined,
    isReadonly: boolean | undefined,
    args: string[],
  ): Promise<unknown>;
  readonly masters: readonly object[];
  nodeClient(node: object): Promise<RedisNodeConnection>;
  duplicate(): RedisClusterConnection;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A connected node-redis client, standalone or cluster, as the Redis stores take it. The stores never
 * close it: the caller that created it does, after closing the stores.
 *
 * @example
 * const client: RedisConnection = await createRedisClient('redis://127.0.0.1:6379');
 */
export type RedisConnection = RedisStandaloneConnection | RedisClusterConnection;
