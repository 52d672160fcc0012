import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/**
 * What the PostgreSQL store's parts share: the schema that holds the tables (each part writes its own SQL
 * with every table qualified by it, so no query depends on the connection's `search_path`, which a pooler
 * or a role's settings could change behind the store's back), and two ways to run SQL on a pooled
 * connection (one statement, or several on one connection for a transaction). Both reject once the store
 * is closed and translate a driver error once.
 *
 * @example
 * const users = createPostgresUserStore(connection);
 */
export interface PostgresConnection {
  /** The schema name as configured, unquoted: parts quote it with `pg.escapeIdentifier`. */
  readonly schema: string;
  readonly query: <R extends QueryResultRow = QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[],
  ) => Promise<QueryResult<R>>;
  readonly withClient: <T>(operation: string, work: (client: PoolClient) => Promise<T>) => Promise<T>;
}
