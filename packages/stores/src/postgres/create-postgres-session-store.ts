import pg from 'pg';
import type {
  AuthenticationMethod,
  SessionRecord,
  SessionStore,
  SessionTransport,
} from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { formatTimestamp } from './format-timestamp.js';
import type { PostgresConnection } from './postgres-connection.js';

/** A row of `sessions` as the driver returns it (`jsonb` parsed, `timestamptz` as `Date`). */
interface SessionRow {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  transport: string;
  refresh_token_hash: string | null;
  previous_refresh_token_hash: string | null;
  refresh_rotated_at: Date | null;
  refresh_generation: number;
  authenticated_at: Date;
  amr: AuthenticationMethod[];
}

const columns =
  'id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent, ' +
  'transport, refresh_token_hash, previous_refresh_token_hash, refresh_rotated_at, refresh_generation, ' +
  'authenticated_at, amr';

/**
 * The SQL of the session part for `schema`; parameters are `$1`, `$2`… in the order noted. Exported so
 * the plan test can EXPLAIN exactly what the store runs.
 *
 * @example
 * const sql = buildSessionQueries('tessera');
 * await client.query(`EXPLAIN ${sql.get}`, ['session-id']);
 */
export function buildSessionQueries(schema: string) {
  const sessions = `${pg.escapeIdentifier(schema)}.sessions`;
  return {
    insert: `INSERT INTO ${sessions} (${columns})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)`,
    // The primary key: one index probe.
    get: `SELECT ${columns} FROM ${sessions} WHERE id = $1`,
    // $1 id, $2 lastSeenAt, $3 idleExpiresAt.
    updateActivity: `UPDATE ${sessions} SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1`,
    // $1 id, $2 hash.
    updateSecretHash: `UPDATE ${sessions} SET secret_hash = $2 WHERE id = $1`,
    // $1 id, $2 authenticatedAt, $3 amr (JSON text).
    updateAuthentication: `UPDATE ${sessions} SET authenticated_at = $2, amr = $3::jsonb WHERE id = $1`,
    delete: `DELETE FROM ${sessions} WHERE id = $1`,
    // $1 user id, $2 the exception or NULL: IS DISTINCT FROM is true for every id when it is NULL, so one
    // statement serves both variants.
    deleteOfUser: `DELETE FROM ${sessions} WHERE user_id = $1 AND id IS DISTINCT FROM $2::text RETURNING id`,
    // The (user_id, created_at, seq) index hands the rows over in this order: no sort step. seq breaks
    // ties between sessions created in the same millisecond: insertion order.
    listOfUser: `SELECT ${columns} FROM ${sessions} WHERE user_id = $1 ORDER BY created_at, seq`,
    // Written exactly like the index expression (migration 1), so the sweep is a range scan on it.
    deleteExpired: `DELETE FROM ${sessions} WHERE least(idle_expires_at, absolute_expires_at) <= $1`,
    // Same expression as the index, so the count is a range scan on it.
    countLive: `SELECT count(*)::int AS count FROM ${sessions} WHERE least(idle_expires_at, absolute_expires_at) > $1`,
    // The compare-and-set is this one statement ($1 id, $2 expected hash, $3–$6 the next state). Under
    // READ COMMITTED an UPDATE that finds its row locked by a concurrent UPDATE waits for it to commit,
    // then re-checks the WHERE against the new row: the second of two rotations of the same token finds
    // the hash already replaced and changes nothing. A NULL hash never equals anything.
    rotateRefreshToken: `UPDATE ${sessions} SET
         refresh_token_hash = $3,
         previous_refresh_token_hash = $4,
         refresh_rotated_at = $5,
         refresh_generation = $6
       WHERE id = $1 AND refresh_token_hash = $2`,
  };
}

/**
 * The session part of the PostgreSQL store.
 *
 * @example
 * const sessions = createPostgresSessionStore(connection);
 */
export function createPostgresSessionStore({ schema, query }: PostgresConnection): SessionStore {
  const sql = buildSessionQueries(schema);
  return {
    async insertSession(session) {
      const values = sessionToValues(session);
      await query('insertSession', sql.insert, values);
    },

    async getSession(sessionId) {
      const { rows } = await query<SessionRow>('getSession', sql.get, [sessionId]);
      return rows[0] === undefined ? null : sessionFromRow(rows[0]);
    },

    async updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt) {
      const values = [
        sessionId,
        formatTimestamp(lastSeenAt, 'updateSessionActivity: lastSeenAt'),
        formatTimestamp(idleExpiresAt, 'updateSessionActivity: idleExpiresAt'),
      ];
      await query('updateSessionActivity', sql.updateActivity, values);
    },

    async updateSessionSecretHash(sessionId, secretHash) {
      await query('updateSessionSecretHash', sql.updateSecretHash, [sessionId, secretHash]);
    },

    async updateSessionAuthentication(sessionId, authenticatedAt, amr) {
      const values = [
        sessionId,
        formatTimestamp(authenticatedAt, 'updateSessionAuthentication: authenticatedAt'),
        JSON.stringify(checkAmr(amr, 'updateSessionAuthentication')),
      ];
      await query('updateSessionAuthentication', sql.updateAuthentication, values);
    },

    async deleteSession(sessionId) {
      return (await query('deleteSession', sql.delete, [sessionId])).rowCount === 1;
    },

    async deleteUserSessions(userId, exceptSessionId) {
      const { rows } = await query<{ id: string }>('deleteUserSessions', sql.deleteOfUser, [
        userId,
        exceptSessionId,
      ]);
      return rows.map((row) => row.id);
    },

    async listUserSessions(userId) {
      const { rows } = await query<SessionRow>('listUserSessions', sql.listOfUser, [userId]);
      return rows.map(sessionFromRow);
    },

    async deleteExpiredSessions(now) {
      const values = [formatTimestamp(now, 'deleteExpiredSessions: now')];
      return (await query('deleteExpiredSessions', sql.deleteExpired, values)).rowCount ?? 0;
    },

    async countLiveSessions(now) {
      const values = [formatTimestamp(now, 'countLiveSessions: now')];
      const result = await query<{ count: number }>('countLiveSessions', sql.countLive, values);
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
      const result = await query('rotateSessionRefreshToken', sql.rotateRefreshToken, values);
      return result.rowCount === 1;
    },
  };
}

// Bound values in `columns` order; an invalid record is a caller bug and throws `TypeError`.
function sessionToValues(session: SessionRecord): unknown[] {
  checkRefreshChainState(session, 'insertSession');
  return [
    session.id,
    session.secretHash,
    session.userId,
    formatTimestamp(session.createdAt, 'insertSession: createdAt'),
    formatTimestamp(session.lastSeenAt, 'insertSession: lastSeenAt'),
    formatTimestamp(session.idleExpiresAt, 'insertSession: idleExpiresAt'),
    formatTimestamp(session.absoluteExpiresAt, 'insertSession: absoluteExpiresAt'),
    session.ip,
    session.userAgent,
    session.transport,
    session.refreshTokenHash,
    session.previousRefreshTokenHash,
    session.refreshRotatedAt === null
      ? null
      : formatTimestamp(session.refreshRotatedAt, 'insertSession: refreshRotatedAt'),
    session.refreshGeneration,
    formatTimestamp(session.authenticatedAt, 'insertSession: authenticatedAt'),
    JSON.stringify(checkAmr(session.amr, 'insertSession')),
  ];
}

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
    // The CHECK constraint on the column admits only the three transports.
    transport: row.transport as SessionTransport,
    refreshTokenHash: row.refresh_token_hash,
    previousRefreshTokenHash: row.previous_refresh_token_hash,
    refreshRotatedAt: row.refresh_rotated_at,
    refreshGeneration: row.refresh_generation,
    authenticatedAt: row.authenticated_at,
    amr: row.amr,
  };
}
