import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { PostgresQueries } from './build-queries.js';

/**
 * What the PostgreSQL store's parts share: the SQL for the store's schema, and two ways to run it on
 * a pooled connection (one statement, or several on one connection for a transaction). Both reject
 * once the store is closed and translate a driver error once.
 *
 * @example
 * const users = createPostgresUserStore(connection);
 */
export interface PostgresConnection {
  readonly queries: PostgresQueries;
  readonly query: <R extends QueryResultRow = QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[],
  ) => Promise<QueryResult<R>>;
  readonly withClient: <T>(operation: string, work: (client: PoolClient) => Promise<T>) => Promise<T>;
}
