import type {
  RedisClusterConnection,
  RedisConnection,
  RedisStandaloneConnection,
} from './redis-connection.js';
import { withDeadline } from './with-deadline.js';

/**
 * How long one command may take before the store gives up on it (milliseconds). Redis answers in well
 * under a millisecond; a command still pending after 2 s is stuck behind a hung server or a dead
 * connection that TCP has not noticed yet, and a request must get its 503 instead of waiting with it.
 */
export const commandDeadlineMilliseconds = 2000;

/** Sends commands to one Redis node (a standalone server, or one master of a cluster). */
export type RedisNodeSender = (args: string[]) => Promise<unknown>;

/**
 * One way to talk to standalone Redis and Redis Cluster alike: every command names the key it touches,
 * which routes it to that key's node on a cluster. Every command gets a deadline.
 */
export interface RedisLink {
  /** Sends a command about `key` (all its keys share `key`'s hash slot); `deadlineMs` overrides the default. */
  send(key: string, args: string[], deadlineMs?: number): Promise<unknown>;
  /** One sender per node holding data: the server itself, or every master of a cluster. */
  nodes(): Promise<RedisNodeSender[]>;
  /**
   * A new connection of the same kind and settings, not yet connected, for commands that block
   * (`XREAD BLOCK`): on the shared connection they would hold up every other command behind them.
   */
  duplicate(): { link: RedisLink; connect(): Promise<unknown>; destroy(): void };
}

/**
 * Wraps a node-redis client (standalone or cluster) as a `RedisLink`.
 *
 * @example
 * const link = createRedisLink(client);
 * await link.send(key, ['HMGET', key, 'count']);
 */
export function createRedisLink(connection: RedisConnection): RedisLink {
  return isCluster(connection) ? clusterLink(connection) : standaloneLink(connection);
}

function standaloneLink(client: RedisStandaloneConnection): RedisLink {
  const send: RedisNodeSender = (args) => client.sendCommand(args);
  return {
    send(_key, args, deadlineMs = commandDeadlineMilliseconds) {
      return withDeadline(send(args), deadlineMs);
    },
    nodes() {
      return Promise.resolve([(args) => withDeadline(send(args), commandDeadlineMilliseconds)]);
    },
    duplicate() {
      return duplicateOf(client.duplicate(), standaloneLink);
    },
  };
}

function clusterLink(cluster: RedisClusterConnection): RedisLink {
  return {
    send(key, args, deadlineMs = commandDeadlineMilliseconds) {
      // Writes and reads alike go to the slot's master: `isReadonly` would allow a stale replica.
      return withDeadline(cluster.sendCommand(key, false, args), deadlineMs);
    },
    async nodes() {
      const masters = cluster.masters;
      const clients = await withDeadline(
        Promise.all(masters.map((master) => cluster.nodeClient(master))),
        commandDeadlineMilliseconds,
      );
      return clients.map(
        (client) => (args) => withDeadline(client.sendCommand(args), commandDeadlineMilliseconds),
      );
    },
    duplicate() {
      return duplicateOf(cluster.duplicate(), clusterLink);
    },
  };
}

function duplicateOf<C extends RedisConnection>(
  copy: C,
  wrap: (connection: C) => RedisLink,
): { link: RedisLink; connect(): Promise<unknown>; destroy(): void } {
  // Without a listener, node-redis's 'error' event (emitted on every failed reconnect) would crash the
  // process; failures reach the store through rejected commands instead.
  copy.on('error', () => undefined);
  return {
    link: wrap(copy),
    connect: () => copy.connect(),
    destroy: () => {
      try {
        copy.destroy();
      } catch {
        // Already closed (its reconnect strategy gave up): nothing left to release.
      }
    },
  };
}

function isCluster(connection: RedisConnection): connection is RedisClusterConnection {
  return (
    'masters' in connection &&
    typeof (connection as Partial<RedisClusterConnection>).nodeClient === 'function'
  );
}
