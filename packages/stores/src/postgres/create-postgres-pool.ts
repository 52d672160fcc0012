import pg from 'pg';

// How long a call waits for a connection: to open one (the TCP and startup handshake) or for a pooled one
// to free up. Beyond this the database is down or saturated, and the caller gets StoreUnavailableError
// (a 503) instead of a request that hangs.
const connectionTimeoutMilliseconds = 5000;
// The server cancels any statement running longer than this (57014). Tessera's statements are index
// probes that take well under a millisecond; one that runs for seconds is waiting on a lock or a sick server.
const statementTimeoutMilliseconds = 10_000;
// The client gives up on a server that stopped answering altogether (a network partition, a frozen host),
// which statement_timeout cannot catch: no server is left to enforce it.
const queryTimeoutMilliseconds = 15_000;
// The server ends a session left idle inside a transaction (a frozen process holding the revocation lock).
const idleInTransactionTimeoutMilliseconds = 30_000;
// Idle pooled connections are closed after this, so a quiet instance holds no server slots.
const idleConnectionMilliseconds = 30_000;
// bigint (int8) arrives as text by default, since it can exceed 2^53. Ours are cursors, counts and
// generations, all safe integers by construction; the parser is set on this store's pool only, never
// on the driver's process-wide defaults.
const int8Oid = 20;

/**
 * Creates the connection pool of a PostgreSQL store, with the store's connection policy: bounded waits
 * everywhere (connect, statement, reply), TCP keepalive, bigint read as numbers, and an `'error'` listener
 * so that the server closing an idle connection (a restart) never ends the process. The pool opens
 * connections lazily and replaces lost ones by itself.
 *
 * @example
 * const pool = createPostgresPool('postgres://tessera@db.internal/tessera', 10);
 */
export function createPostgresPool(connectionString: string, maxConnections: number): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(int8Oid, Number);
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    connectionTimeoutMillis: connectionTimeoutMilliseconds,
    statement_timeout: statementTimeoutMilliseconds,
    query_timeout: queryTimeoutMilliseconds,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMilliseconds,
    idleTimeoutMillis: idleConnectionMilliseconds,
    // Finds a peer that vanished without closing the connection (a partition) on idle pooled connections.
    keepAlive: true,
    // Shows up in pg_stat_activity; an application_name in the connection string wins.
    application_name: 'tessera',
    types,
  });
  // An idle pooled connection that the server closes (a restart, an admin's pg_terminate_backend, an
  // idle timeout) is reported here after the pool has already dropped it. Without a listener Node would
  // treat the event as an uncaught exception and end the process; there is nothing else to do, because
  // the next call simply opens a new connection, or reports the outage to its caller if it persists.
  pool.on('error', () => undefined);

  return pool;
}
