/** How long one connection attempt may take (milliseconds): a blackholed address must fail, not hang. */
export const connectTimeoutMilliseconds = 2000;

/** Attempts made at start-up before the first connection counts as failed. */
const startupAttempts = 3;
/** The longest pause between two reconnection attempts (milliseconds). */
const maxDelayMilliseconds = 2000;

/** A node-redis `reconnectStrategy` and the switch that moves it from start-up to running. */
export interface ReconnectStrategy {
  /** For `socket.reconnectStrategy`: the pause before the next attempt, or the error that ends them. */
  reconnectStrategy: (retries: number, cause: Error) => number | Error;
  /** Called once the first connection is up: from then on, attempts never stop. */
  markConnected: () => void;
}

/**
 * The reconnect policy of `createRedisClient` and `createRedisClusterClient`.
 *
 * At start-up, a Redis that cannot be reached after a few quick attempts fails the start (so `connect()`
 * rejects and a supervisor restarts the process with a clear error). Once connected, a lost connection is
 * retried forever in the background, 50 ms doubling up to 2 s apart (plus jitter, so instances do not
 * reconnect in lockstep); meanwhile commands fail at once (`disableOfflineQueue`), and the client works
 * again by itself when Redis is back. Connections duplicated from the client share the same policy.
 *
 * @example
 * const { reconnectStrategy, markConnected } = createReconnectStrategy();
 */
export function createReconnectStrategy(): ReconnectStrategy {
  let connected = false;
  return {
    reconnectStrategy: (retries, cause) => {
      if (!connected && retries >= startupAttempts) return cause;
      const jitter = Math.floor(Math.random() * 100);
      return Math.min(50 * 2 ** Math.min(retries, 10), maxDelayMilliseconds) + jitter;
    },
    markConnected: () => {
      connected = true;
    },
  };
}
