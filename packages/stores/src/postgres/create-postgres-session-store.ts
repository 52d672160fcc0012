import type { SessionStore } from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { formatTimestamp } from './format-timestamp.js';
import { sessionFromRow, sessionToValues } from './postgres-rows.js';
import type { SessionRow } from './postgres-rows.js';
import type { PostgresConnection } from './postgres-connection.js';

/**
 * The session part of the PostgreSQL store.
 *
 * @example
 * const sessions = createPostgresSessionStore(connection);
 */
export function createPostgresSessionStore({ queries, query }: PostgresConnection): SessionStore {
  return {
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

    async updateSessionAuthentication(sessionId, authenticatedAt, amr) {
      const values = [
        sessionId,
        formatTimestamp(authenticatedAt, 'updateSessionAuthentication: authenticatedAt'),
        JSON.stringify(checkAmr(amr, 'updateSessionAuthentication')),
      ];
      await query('updateSessionAuthentication', queries.updateSessionAuthentication, values);
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
  };
}
