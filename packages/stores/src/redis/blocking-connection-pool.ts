// The connections a Redis revocation store opens for its blocking reads (`XREAD BLOCK`): copies of
// the caller's client, so a read that waits never holds up the client's other commands.
import type { RedisLink } from './create-redis-link.js';

/** A connection of our own for blocking reads; `ready` settles when it first connects. */
export interface BlockingConnection {
  link: RedisLink;
  ready: Promise<unknown>;
  destroy(): void;
}

/** The blocking-read connections of one store: reused when idle, all destroyed by `destroyAll`. */
export interface BlockingConnectionPool {
  /** An idle connection, or a new copy of the client's (one per concurrent read). */
  acquire(): BlockingConnection;
  /** Gives a connection back for the next read. */
  release(connection: BlockingConnection): void;
  /** Destroys every connection it opened (a read pending on one rejects); nothing is given back after. */
  destroyAll(): void;
}

/**
 * A pool of copies of `link`'s client, made lazily. A copy that fails to connect is forgotten, so
 * the next read makes another.
 */
export function createBlockingConnectionPool(link: RedisLink): BlockingConnectionPool {
  const idleConnections: BlockingConnection[] = [];
  const openConnections = new Set<BlockingConnection>();
  let destroyed = false;

  return {
    acquire() {
      const idle = idleConnections.pop();
      if (idle !== undefined) return idle;
      const copy = link.duplicate();
      const connection: BlockingConnection = {
        link: copy.link,
        ready: copy.connect(),
        destroy: () => {
          copy.destroy();
        },
      };
      openConnections.add(connection);
      // A client whose reconnect strategy gives up leaves a dead copy: forget it, the next read makes another.
      connection.ready.catch(() => {
        openConnections.delete(connection);
        const index = idleConnections.indexOf(connection);
        if (index !== -1) idleConnections.splice(index, 1);
      });
      return connection;
    },

    // After destroyAll() there is nothing to give back: it destroyed every connection, this one included.
    release(connection) {
      if (!destroyed && openConnections.has(connection)) idleConnections.push(connection);
    },

    destroyAll() {
      destroyed = true;
      for (const connection of openConnections) connection.destroy();
      openConnections.clear();
      idleConnections.length = 0;
    },
  };
}
