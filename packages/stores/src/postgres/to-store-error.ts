import { StoreUnavailableError } from '@tessera/core';
import pg from 'pg';

// SQLSTATE classes that mean the statement itself was wrong: 23 integrity constraint violation (a
// duplicate id, a session of an unknown user, a failed CHECK) and 22 data exception (a NUL byte in a
// string, a number or instant out of range). Retrying against a healthy database would fail the same way,
// so, as in the SQLite store, they are passed on unchanged. Every other SQLSTATE comes from the server
// being unable to do its job: connection exceptions (08), shutdown and cannot-connect-now (57P01–57P03),
// statement timeouts (57014), resources (53), I/O (58), corruption (XX), a missing table or privilege (42).
const callerErrorClasses: ReadonlySet<string> = new Set(['22', '23']);

// What Node reports when the network path to the server fails (refused, reset, unreachable, DNS).
const networkErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'ENOENT', // a Unix socket path with no server behind it
]);

// The driver and pool report a dead or timed-out connection as a plain Error; these are their messages
// (pg 8 client.js, pg-pool 3 index.js).
const connectionFailureMessages: readonly RegExp[] = [
  /^Connection terminated/, // …unexpectedly, …due to connection timeout, or during our own shutdown
  /^timeout exceeded when trying to connect$/, // no pooled connection freed up within connectionTimeoutMillis
  /^Query read timeout$/, // query_timeout: the server stopped answering
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^timeout expired$/,
  /SSL connection/, // the server refused, or failed, the TLS the connection string asked for
];

/**
 * Translates an error from the `pg` driver during `operation`: a connection-level or server-side fault
 * (refused, reset, terminated, timed out, shutting down, out of resources…) becomes `StoreUnavailableError`
 * with the original as `cause` and a message naming only the operation and the code, never row data;
 * constraint violations, data exceptions and everything else (caller bugs such as a `TypeError`) are
 * returned unchanged.
 *
 * @example
 * try { await pool.query(sql, values); } catch (error) { throw toStoreError(error, 'insertSession'); }
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? '';
    if (callerErrorClasses.has(code.slice(0, 2))) return error;
    return unavailable(operation, code === '' ? 'no SQLSTATE' : `SQLSTATE ${code}`, error);
  }
  if (!(error instanceof Error) || error instanceof TypeError) return error;

  const networkCode = findNetworkCode(error);
  if (networkCode !== null) return unavailable(operation, networkCode, error);
  if (connectionFailureMessages.some((pattern) => pattern.test(error.message))) {
    // These messages are fixed strings of the driver: safe to repeat, and more telling than a code.
    return unavailable(operation, error.message, error);
  }
  return error;
}

function unavailable(operation: string, reason: string, cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`PostgreSQL store: ${operation} failed (${reason}).`, cause);
}

// Node ≥ 20 tries every address of a host name in turn and, when all fail, throws an AggregateError
// whose own `code` may be missing: look inside it too.
function findNetworkCode(error: Error): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && networkErrorCodes.has(code)) return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      if (inner instanceof Error) {
        const found = findNetworkCode(inner);
        if (found !== null) return found;
      }
    }
  }
  return null;
}
