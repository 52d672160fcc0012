import type {
  AuthenticationMethod,
  SessionRecord,
  SessionStore,
  SessionTransport,
} from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkDate } from '../lib/check-date.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import type { SqliteConnection } from './sqlite-connection.js';

/** A row of `sessions`. Instants are INTEGER milliseconds (see migrations.ts); amr is JSON text. */
interface SessionRow {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  idle_expires_at: number;
  absolute_expires_at: number;
  ip: string | null;
  user_agent: string | null;
  transport: string;
  refresh_token_hash: string | null;
  previous_refresh_token_hash: string | null;
  refresh_rotated_at: number | null;
  refresh_generation: number;
  authenticated_at: number;
  amr: string;
}

/** Bound values of the refresh-chain compare-and-set. */
interface RotateRefreshTokenParams {
  id: string;
  expected: string;
  refreshTokenHash: string | null;
  previousRefreshTokenHash: string | null;
  refreshRotatedAt: number | null;
  refreshGeneration: number;
}

const columns =
  'id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent, ' +
  'transport, refresh_token_hash, previous_refresh_token_hash, refresh_rotated_at, refresh_generation, ' +
  'authenticated_at, amr';

/**
 * The session part of the SQLite store. Its statements are prepared here, next to the only code that
 * runs them, when the store opens (the schema is migrated by then).
 *
 * @example
 * const sessions = createSqliteSessionStore(connection);
 */
export function createSqliteSessionStore({ db, run }: SqliteConnection): SessionStore {
  const statements = {
    insert: db.prepare<SessionRow>(
      `INSERT INTO sessions (${columns})
       VALUES (@id, @secret_hash, @user_id, @created_at, @last_seen_at, @idle_expires_at,
               @absolute_expires_at, @ip, @user_agent, @transport, @refresh_token_hash,
               @previous_refresh_token_hash, @refresh_rotated_at, @refresh_generation,
               @authenticated_at, @amr)`,
    ),
    get: db.prepare<[string], SessionRow>(`SELECT ${columns} FROM sessions WHERE id = ?`),
    updateActivity: db.prepare<{ id: string; lastSeenAt: number; idleExpiresAt: number }>(
      'UPDATE sessions SET last_seen_at = @lastSeenAt, idle_expires_at = @idleExpiresAt WHERE id = @id',
    ),
    updateSecretHash: db.prepare<{ id: string; secretHash: string }>(
      'UPDATE sessions SET secret_hash = @secretHash WHERE id = @id',
    ),
    updateAuthentication: db.prepare<{ id: string; authenticatedAt: number; amr: string }>(
      'UPDATE sessions SET authenticated_at = @authenticatedAt, amr = @amr WHERE id = @id',
    ),
    delete: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
    // `IS NOT` is true for every id when the exception is NULL, so one statement serves both variants.
    deleteOfUser: db.prepare<{ userId: string; exceptSessionId: string | null }, { id: string }>(
      'DELETE FROM sessions WHERE user_id = @userId AND id IS NOT @exceptSessionId RETURNING id',
    ),
    // rowid breaks ties between sessions created in the same millisecond: insertion order.
    listOfUser: db.prepare<[string], SessionRow>(
      `SELECT ${columns} FROM sessions WHERE user_id = ? ORDER BY created_at, rowid`,
    ),
    // Written exactly like the index expression (migration 1), so the sweep is a range scan on it.
    deleteExpired: db.prepare<[number]>(
      'DELETE FROM sessions WHERE min(idle_expires_at, absolute_expires_at) <= ?',
    ),
    // Same expression as the index, so the count is a range scan on it.
    countLive: db.prepare<[number], { count: number }>(
      'SELECT count(*) AS count FROM sessions WHERE min(idle_expires_at, absolute_expires_at) > ?',
    ),
    // The compare-and-set is this one statement: SQLite takes the write lock before the WHERE reads the
    // current hash, so of two rotations of the same token (two processes on one file included) the
    // second finds the hash already replaced and changes nothing. A NULL hash never equals anything.
    rotateRefreshToken: db.prepare<RotateRefreshTokenParams>(
      `UPDATE sessions SET
         refresh_token_hash = @refreshTokenHash,
         previous_refresh_token_hash = @previousRefreshTokenHash,
         refresh_rotated_at = @refreshRotatedAt,
         refresh_generation = @refreshGeneration
       WHERE id = @id AND refresh_token_hash = @expected`,
    ),
  };

  return {
    insertSession(session) {
      return run('insertSession', () => {
        statements.insert.run(sessionToRow(session));
      });
    },

    getSession(sessionId) {
      return run('getSession', () => {
        const row = statements.get.get(sessionId);
        return row === undefined ? null : sessionFromRow(row);
      });
    },

    updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt) {
      return run('updateSessionActivity', () => {
        statements.updateActivity.run({
          id: sessionId,
          lastSeenAt: checkDate(lastSeenAt, 'updateSessionActivity: lastSeenAt'),
          idleExpiresAt: checkDate(idleExpiresAt, 'updateSessionActivity: idleExpiresAt'),
        });
      });
    },

    updateSessionSecretHash(sessionId, secretHash) {
      return run('updateSessionSecretHash', () => {
        statements.updateSecretHash.run({ id: sessionId, secretHash });
      });
    },

    updateSessionAuthentication(sessionId, authenticatedAt, amr) {
      return run('updateSessionAuthentication', () => {
        statements.updateAuthentication.run({
          id: sessionId,
          authenticatedAt: checkDate(authenticatedAt, 'updateSessionAuthentication: authenticatedAt'),
          amr: JSON.stringify(checkAmr(amr, 'updateSessionAuthentication')),
        });
      });
    },

    deleteSession(sessionId) {
      return run('deleteSession', () => statements.delete.run(sessionId).changes === 1);
    },

    deleteUserSessions(userId, exceptSessionId) {
      return run('deleteUserSessions', () =>
        statements.deleteOfUser.all({ userId, exceptSessionId }).map((row) => row.id),
      );
    },

    listUserSessions(userId) {
      return run('listUserSessions', () => statements.listOfUser.all(userId).map(sessionFromRow));
    },

    deleteExpiredSessions(now) {
      return run(
        'deleteExpiredSessions',
        () => statements.deleteExpired.run(checkDate(now, 'deleteExpiredSessions: now')).changes,
      );
    },

    countLiveSessions(now) {
      return run(
        'countLiveSessions',
        () => statements.countLive.get(checkDate(now, 'countLiveSessions: now'))?.count ?? 0,
      );
    },

    rotateSessionRefreshToken(sessionId, expectedRefreshTokenHash, next) {
      return run('rotateSessionRefreshToken', () => {
        if (typeof expectedRefreshTokenHash !== 'string') {
          throw new TypeError('rotateSessionRefreshToken: expectedRefreshTokenHash must be a string.');
        }
        const { refreshRotatedAtMillis } = checkRefreshChainState(next, 'rotateSessionRefreshToken');
        const result = statements.rotateRefreshToken.run({
          id: sessionId,
          expected: expectedRefreshTokenHash,
          refreshTokenHash: next.refreshTokenHash,
          previousRefreshTokenHash: next.previousRefreshTokenHash,
          refreshRotatedAt: refreshRotatedAtMillis,
          refreshGeneration: next.refreshGeneration,
        });
        return result.changes === 1;
      });
    },
  };
}

// An invalid Date is refused with a TypeError (a caller bug) rather than stored as NULL.
function sessionToRow(session: SessionRecord): SessionRow {
  return {
    id: session.id,
    secret_hash: session.secretHash,
    user_id: session.userId,
    created_at: checkDate(session.createdAt, 'insertSession: createdAt'),
    last_seen_at: checkDate(session.lastSeenAt, 'insertSession: lastSeenAt'),
    idle_expires_at: checkDate(session.idleExpiresAt, 'insertSession: idleExpiresAt'),
    absolute_expires_at: checkDate(session.absoluteExpiresAt, 'insertSession: absoluteExpiresAt'),
    ip: session.ip,
    user_agent: session.userAgent,
    transport: session.transport,
    refresh_token_hash: session.refreshTokenHash,
    previous_refresh_token_hash: session.previousRefreshTokenHash,
    refresh_rotated_at: checkRefreshChainState(session, 'insertSession').refreshRotatedAtMillis,
    refresh_generation: session.refreshGeneration,
    authenticated_at: checkDate(session.authenticatedAt, 'insertSession: authenticatedAt'),
    amr: JSON.stringify(checkAmr(session.amr, 'insertSession')),
  };
}

function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    idleExpiresAt: new Date(row.idle_expires_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
    // The CHECK constraint on the column admits only the three transports.
    transport: row.transport as SessionTransport,
    refreshTokenHash: row.refresh_token_hash,
    previousRefreshTokenHash: row.previous_refresh_token_hash,
    refreshRotatedAt: row.refresh_rotated_at === null ? null : new Date(row.refresh_rotated_at),
    refreshGeneration: row.refresh_generation,
    authenticatedAt: new Date(row.authenticated_at),
    // The CHECK constraint admits only a JSON array; only checked lists are written.
    amr: JSON.parse(row.amr) as AuthenticationMethod[],
  };
}
