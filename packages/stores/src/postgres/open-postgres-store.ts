import type { TesseraStore } from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { applyMigrations } from './apply-migrations.js';
import { createPostgresPendingLoginStore } from './create-postgres-pending-login-store.js';
import { createPostgresSecondFactorStore } from './create-postgres-second-factor-store.js';
import { createPostgresPasskeyStore } from './create-postgres-passkey-store.js';
import { createPostgresWebAuthnChallengeStore } from './create-postgres-webauthn-challenge-store.js';
import { createPostgresAuditStore } from './create-postgres-audit-store.js';
import { createPostgresCounterStore } from './create-postgres-counter-store.js';
import { createPostgresEmailTokenStore } from './create-postgres-email-token-store.js';
import { createPostgresPool } from './create-postgres-pool.js';
import { createPostgresRevocationStore } from './create-postgres-revocation-store.js';
import { createPostgresSessionStore } from './create-postgres-session-store.js';
import { createPostgresSigningKeyStore } from './create-postgres-signing-key-store.js';
import { createPostgresUserStore } from './create-postgres-user-store.js';
import { createPostgresIdentityStore } from './create-postgres-identity-store.js';
import { migrations } from './migrations.js';
import type { PostgresConnection } from './postgres-connection.js';
import { toStoreError } from './to-store-error.js';

/**
 * Where the PostgreSQL store keeps its data.
 *
 * @example
 * const options: OpenPostgresStoreOptions = {
 *   connectionString: 'postgres://tessera@db.internal:5432/tessera',
 *   schema: 'tessera',
 * };
 */
export interface OpenPostgresStoreOptions {
  /** A libpq-style URL (`postgres://user:password@host:port/database?sslmode=…`). */
  connectionString: string;
  /** The schema that holds Tessera's tables, created if missing. Defaults to `public`. */
  schema?: string;
  /** The most connections the store's pool opens at once. Defaults to 10. */
  maxConnections?: number;
}

const defaultMaxConnections = 10;
// PostgreSQL silently truncates longer identifiers, so two long schema names could name the same schema.
const maxIdentifierBytes = 63;

/**
 * Opens (creating the schema and migrating it if needed) the PostgreSQL store: the store of a deployment
 * with several Tessera instances. Throws `TypeError` for bad options, `StoreUnavailableError` when the
 * database cannot be reached, and `Error` when the schema was written by a newer Tessera.
 *
 * The store owns a connection pool that recovers by itself when PostgreSQL restarts: calls made during
 * the outage reject with `StoreUnavailableError`, later calls open new connections.
 *
 * @example
 * const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL, schema: 'tessera' });
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<TesseraStore> {
  const { connectionString, schema, maxConnections } = checkOptions(options);
  const pool = createPostgresPool(connectionString, maxConnections);

  let closed = false;
  let closing: Promise<void> | undefined;

  // Every call runs on one pooled connection. Errors are translated once, here. A connection that failed
  // is destroyed rather than returned to the pool; one that merely saw a constraint violation is kept.
  async function withClient<T>(operation: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError(`PostgreSQL store: ${operation} failed (closed).`, undefined);
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw toStoreError(error, operation);
    }
    // A checked-out connection has no pool listener: if the server closes it between two statements,
    // its 'error' event must not crash the process. The failure reaches `work` through its next query.
    const ignoreError = (): void => undefined;
    client.on('error', ignoreError);
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      const translated = toStoreError(error, operation);
      broken = translated instanceof StoreUnavailableError;
      throw translated;
    } finally {
      client.removeListener('error', ignoreError);
      client.release(broken);
    }
  }

  function query<R extends QueryResultRow = QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[],
  ): Promise<QueryResult<R>> {
    return withClient(operation, (client) => client.query<R>(text, values));
  }

  try {
    await withClient('open', (client) => applyMigrations(client, schema, migrations));
  } catch (error) {
    closed = true;
    await pool.end().catch(() => undefined);
    throw error;
  }

  // The store's parts, one line each; a new part is its own file and one line here.
  const connection: PostgresConnection = { schema, query, withClient };
  return {
    ...createPostgresUserStore(connection),
    ...createPostgresSessionStore(connection),
    ...createPostgresSigningKeyStore(connection),
    ...createPostgresRevocationStore(connection),
    ...createPostgresCounterStore(connection),
    ...createPostgresAuditStore(connection),
    ...createPostgresSecondFactorStore(connection),
    ...createPostgresPendingLoginStore(connection),
    ...createPostgresEmailTokenStore(connection),
    ...createPostgresIdentityStore(connection),
    ...createPostgresPasskeyStore(connection),
    ...createPostgresWebAuthnChallengeStore(connection),

    async ping() {
      await query('ping', 'SELECT 1 AS ok', []);
    },

    close() {
      if (closing === undefined) {
        closed = true;
        // Waits for calls in flight to finish, then closes every connection.
        closing = pool.end().catch((error: unknown) => {
          throw toStoreError(error, 'close');
        });
      }
      return closing;
    },
  };
}

function checkOptions(options: OpenPostgresStoreOptions): Required<OpenPostgresStoreOptions> {
  const { connectionString, schema = 'public', maxConnections = defaultMaxConnections } = options;
  if (typeof connectionString !== 'string' || connectionString === '') {
    throw new TypeError('openPostgresStore: connectionString must be a non-empty string.');
  }
  if (
    typeof schema !== 'string' ||
    schema === '' ||
    schema.includes('\0') ||
    Buffer.byteLength(schema, 'utf8') > maxIdentifierBytes
  ) {
    throw new TypeError(
      `openPostgresStore: schema must be a non-empty name of at most ${maxIdentifierBytes} bytes.`,
    );
  }
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1) {
    throw new TypeError('openPostgresStore: maxConnections must be a positive integer.');
  }
  return { connectionString, schema, maxConnections };
}
