import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';

/**
 * Translates an error thrown by better-sqlite3 during `operation`: an infrastructure fault (busy, I/O,
 * disk full, corrupt file, closed connection…) becomes `StoreUnavailableError` with the original as
 * `cause`; constraint violations and everything else (caller bugs) are returned unchanged.
 *
 * @example
 * try { statement.run(params); } catch (error) { throw toStoreError(error, 'insertSession'); }
 */
export function toStoreError(error: unknown, operation: string): unknown {
  if (error instanceof Database.SqliteError) {
    // A constraint violation means the call itself was wrong (a duplicate id, a session of an unknown
    // user, a value of the wrong type): retrying against a healthy database would fail the same way.
    if (error.code.startsWith('SQLITE_CONSTRAINT')) return error;
    // Only the operation and SQLite's result code: the driver's message may quote SQL, never row data here.
    return new StoreUnavailableError(`SQLite store: ${operation} failed (${error.code}).`, error);
  }
  // better-sqlite3 reports a closed connection as a TypeError, which would otherwise read as a caller bug.
  if (error instanceof TypeError && error.message === 'The database connection is not open') {
    return new StoreUnavailableError(`SQLite store: ${operation} failed (the database is closed).`, error);
  }
  return error;
}
