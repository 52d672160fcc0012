import type { Database } from 'better-sqlite3';

/**
 * What the SQLite store's parts share: the open database (each part prepares its own statements on it)
 * and `run`, which runs one call synchronously (better-sqlite3 is synchronous, so one call finishes
 * before the next starts), rejects once the store is closed, and translates a driver error once.
 *
 * @example
 * const users = createSqliteUserStore(connection);
 */
export interface SqliteConnection {
  readonly db: Database;
  readonly run: <T>(operation: string, work: () => T) => Promise<T>;
}
