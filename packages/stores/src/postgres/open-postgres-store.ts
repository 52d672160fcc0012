import type { TesseraStore } from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { applyMigrations } from './apply-migrations.js';
import { buildQueries } from './build-queries.js';
import { createPostgresPool } from './create-postgres-pool.js';
import { formatTimestamp } from './format-timestamp.js';
import { migrations } from './migrations.js';
import {
  auditEventFromRow,
  auditEventToValues,
  counterFromRow,
  revocationFromRow,
  revocationToValues,
  sessionFromRow,
  sessionToValues,
  signingKeyFromRow,
  signingKeyToValues,
  userFromRow,
  userToValues,
} from './postgres-rows.js';
import type {
  AuditEventRow,
  CounterRow,
  RevocationRow,
  SessionRow,
  SigningKeyRow,
  UserRow,
} from './postgres-rows.js';
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
  const queries = buildQueries(schema);

  return {
    async insertUser(user) {
      const values = userToValues(user);
      return (await query('insertUser', queries.insertUser, values)).rowCount === 1;
    },

    async getUserById(id) {
      const { rows } = await query<UserRow>('getUserById', queries.getUserById, [id]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async getUserByEmail(email) {
      const { rows } = await query<UserRow>('getUserByEmail', queries.getUserByEmail, [email]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async updateUserPasswordHash(userId, passwordHash) {
      await query('updateUserPasswordHash', queries.updateUserPasswordHash, [userId, passwordHash]);
    },

    async listUsers(filter) {
      checkListLimit(filter.limit, 'listUsers');
      const { rows } = await query<UserRow>('listUsers', queries.listUsers, [
        filter.emailContains,
        filter.afterEmail,
        filter.limit,
      ]);
      return rows.map(userFromRow);
    },

    async updateUserDisabledAt(userId, disabledAt) {
      const at = disabledAt === null ? null : formatTimestamp(disabledAt, 'updateUserDisabledAt');
      const { rows } = await query<UserRow>('updateUserDisabledAt', queries.updateUserDisabledAt, [
        userId,
        at,
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async listEnabledUserIdsWithRole(role, limit) {
      checkListLimit(limit, 'listEnabledUserIdsWithRole');
      const { rows } = await query<{ id: string }>(
        'listEnabledUserIdsWithRole',
        queries.listEnabledUserIdsWithRole,
        [role, limit],
      );
      return rows.map((row) => row.id);
    },

    async updateUserRoles(userId, roles) {
      checkRoles(roles, 'updateUserRoles');
      const { rows } = await query<UserRow>('updateUserRoles', queries.updateUserRoles, [
        userId,
        JSON.stringify(roles),
      ]);
      return rows[0] === undefined ? null : userFromRow(rows[0]);
    },

    async insertUsers(users) {
      checkUserBatch(users);
      const rows = users.map(userToValues);
      return withClient('insertUsers', async (client) => {
        if (rows.length === 0) return [];
        await client.query('BEGIN');
        try {
          await client.query(queries.lockUsers);
          const { rows: taken } = await client.query<{ email: string }>(queries.findTakenEmails, [
            users.map((user) => user.email),
          ]);
          if (taken.length > 0) {
            await client.query('ROLLBACK');
            return taken.map((row) => row.email);
          }
          for (const values of rows) {
            const inserted = await client.query(queries.insertUser, values);
            if (inserted.rowCount !== 1) throw new Error('insertUsers: an email was taken.');
          }
          await client.query('COMMIT');
          return [];
        } catch (error) {
          // Best effort: on a dead connection the server has rolled back already.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async insertSession(session) {
      const values = sessionToValues(session);
      await query('insertSession', queries.insertSession, values);
    },

    async getSession(sessionId) {
      const { rows } = await query<SessionRow>('getSession', queries.getSession, [sessionId]);
      return rows[0] === undefined ? null : sessionFromRow(rows[0]);
    },

    async updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt) {
      const values = [
        sessionId,
        formatTimestamp(lastSeenAt, 'updateSessionActivity: lastSeenAt'),
        formatTimestamp(idleExpiresAt, 'updateSessionActivity: idleExpiresAt'),
      ];
      await query('updateSessionActivity', queries.updateSessionActivity, values);
    },

    async updateSessionSecretHash(sessionId, secretHash) {
      await query('updateSessionSecretHash', queries.updateSessionSecretHash, [sessionId, secretHash]);
    },

    async deleteSession(sessionId) {
      return (await query('deleteSession', queries.deleteSession, [sessionId])).rowCount === 1;
    },

    async deleteUserSessions(userId, exceptSessionId) {
      const { rows } = await query<{ id: string }>('deleteUserSessions', queries.deleteUserSessions, [
        userId,
        exceptSessionId,
      ]);
      return rows.map((row) => row.id);
    },

    async listUserSessions(userId) {
      const { rows } = await query<SessionRow>('listUserSessions', queries.listUserSessions, [userId]);
      return rows.map(sessionFromRow);
    },

    async deleteExpiredSessions(now) {
      const values = [formatTimestamp(now, 'deleteExpiredSessions: now')];
      return (await query('deleteExpiredSessions', queries.deleteExpiredSessions, values)).rowCount ?? 0;
    },

    async countLiveSessions(now) {
      const values = [formatTimestamp(now, 'countLiveSessions: now')];
      const result = await query<{ count: number }>('countLiveSessions', queries.countLiveSessions, values);
      return result.rows[0]?.count ?? 0;
    },

    async rotateSessionRefreshToken(sessionId, expectedRefreshTokenHash, next) {
      if (typeof expectedRefreshTokenHash !== 'string') {
        throw new TypeError('rotateSessionRefreshToken: expectedRefreshTokenHash must be a string.');
      }
      checkRefreshChainState(next, 'rotateSessionRefreshToken');
      const values = [
        sessionId,
        expectedRefreshTokenHash,
        next.refreshTokenHash,
        next.previousRefreshTokenHash,
        next.refreshRotatedAt === null
          ? null
          : formatTimestamp(next.refreshRotatedAt, 'rotateSessionRefreshToken: refreshRotatedAt'),
        next.refreshGeneration,
      ];
      const result = await query('rotateSessionRefreshToken', queries.rotateSessionRefreshToken, values);
      return result.rowCount === 1;
    },

    async incrementCounter(key, delta, windowSeconds, now) {
      const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
      const nowText = formatTimestamp(new Date(nowMillis), 'incrementCounter: now');
      const expiresAtText = formatTimestamp(
        new Date(expiresAtMillis),
        'incrementCounter: now + windowSeconds',
      );
      const { rows } =
        delta > 0
          ? await query<CounterRow>('incrementCounter', queries.createOrIncrementCounter, [
              key,
              delta,
              nowText,
              expiresAtText,
            ])
          : await query<CounterRow>('incrementCounter', queries.addToLiveCounter, [key, delta, nowText]);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async getCounter(key, now) {
      const values = [key, formatTimestamp(now, 'getCounter: now')];
      const { rows } = await query<CounterRow>('getCounter', queries.getLiveCounter, values);
      return rows[0] === undefined ? null : counterFromRow(rows[0]);
    },

    async deleteCounter(key) {
      await query('deleteCounter', queries.deleteCounter, [key]);
    },

    async deleteExpiredCounters(now) {
      const values = [formatTimestamp(now, 'deleteExpiredCounters: now')];
      return (await query('deleteExpiredCounters', queries.deleteExpiredCounters, values)).rowCount ?? 0;
    },

    async insertAuditEvent(event) {
      const values = auditEventToValues(event);
      await query('insertAuditEvent', queries.insertAuditEvent, values);
    },

    async listAuditEvents(auditQuery) {
      checkListLimit(auditQuery.limit, 'listAuditEvents');
      const values = [
        auditQuery.before === null
          ? 'infinity'
          : formatTimestamp(auditQuery.before, 'listAuditEvents: before'),
        auditQuery.type,
        auditQuery.limit,
      ];
      const { rows } =
        auditQuery.userId === null
          ? await query<AuditEventRow>('listAuditEvents', queries.listAuditEvents, values)
          : await query<AuditEventRow>('listAuditEvents', queries.listUserAuditEvents, [
              ...values,
              auditQuery.userId,
            ]);
      return rows.map(auditEventFromRow);
    },

    async insertSigningKey(key) {
      // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
      const values = signingKeyToValues(key);
      await query('insertSigningKey', queries.insertSigningKey, values);
    },

    async listSigningKeys() {
      const { rows } = await query<SigningKeyRow>('listSigningKeys', queries.listSigningKeys, []);
      return rows.map(signingKeyFromRow);
    },

    async retireSigningKey(kid, retiredAt, expiresAt) {
      const values = [
        kid,
        formatTimestamp(retiredAt, 'retireSigningKey: retiredAt'),
        formatTimestamp(expiresAt, 'retireSigningKey: expiresAt'),
      ];
      await query('retireSigningKey', queries.retireSigningKey, values);
    },

    async updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
      await query('updateSigningKeyCiphertext', queries.updateSigningKeyCiphertext, [
        kid,
        privateJwkCiphertext,
      ]);
    },

    async deleteExpiredSigningKeys(now) {
      const values = [formatTimestamp(now, 'deleteExpiredSigningKeys: now')];
      return (
        (await query('deleteExpiredSigningKeys', queries.deleteExpiredSigningKeys, values)).rowCount ?? 0
      );
    },

    async appendRevocations(entries) {
      // Every entry is checked before the first is written.
      const rows = entries.map(revocationToValues);
      // Through withClient even when empty, so a closed store rejects as every other call does.
      return withClient('appendRevocations', async (client) => {
        if (rows.length === 0) return [];
        // All of a batch or none of it, so a follower never sees half of a logout-all.
        await client.query('BEGIN');
        try {
          await client.query(queries.lockRevocations);
          const appended = [];
          for (const values of rows) {
            const { rows: inserted } = await client.query<RevocationRow>(queries.appendRevocation, values);
            if (inserted[0] === undefined) {
              throw new Error('appendRevocations: INSERT … RETURNING returned no row.');
            }
            appended.push(revocationFromRow(inserted[0]));
          }
          await client.query('COMMIT');
          return appended;
        } catch (error) {
          // Best effort: on a dead connection the server has rolled back already.
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async listRevocations(afterCursor, now, limit) {
      checkListLimit(limit, 'listRevocations');
      const values = [
        parseRevocationCursor(afterCursor, 'listRevocations'),
        formatTimestamp(now, 'listRevocations: now'),
        limit,
      ];
      const { rows } = await query<RevocationRow>('listRevocations', queries.listRevocations, values);
      return rows.map(revocationFromRow);
    },

    async deleteExpiredRevocations(now) {
      const values = [formatTimestamp(now, 'deleteExpiredRevocations: now')];
      return (
        (await query('deleteExpiredRevocations', queries.deleteExpiredRevocations, values)).rowCount ?? 0
      );
    },

    async ping() {
      await query('ping', queries.ping, []);
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
