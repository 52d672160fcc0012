import type { SessionStore } from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkDate } from '../lib/check-date.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { sessionFromRow, sessionToRow } from './sqlite-rows.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The session part of the SQLite store.
 *
 * @example
 * const sessions = createSqliteSessionStore(connection);
 */
export function createSqliteSessionStore({ statements, run }: SqliteConnection): SessionStore {
  return {
    insertSession(session) {
      return run('insertSession', () => {
        statements.insertSession.run(sessionToRow(session));
      });
    },

    getSession(sessionId) {
      return run('getSession', () => {
        const row = statements.getSession.get(sessionId);
        return row === undefined ? null : sessionFromRow(row);
      });
    },

    updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt) {
      return run('updateSessionActivity', () => {
        statements.updateSessionActivity.run({
          id: sessionId,
          lastSeenAt: checkDate(lastSeenAt, 'updateSessionActivity: lastSeenAt'),
          idleExpiresAt: checkDate(idleExpiresAt, 'updateSessionActivity: idleExpiresAt'),
        });
      });
    },

    updateSessionSecretHash(sessionId, secretHash) {
      return run('updateSessionSecretHash', () => {
        statements.updateSessionSecretHash.run({ id: sessionId, secretHash });
      });
    },

    updateSessionAuthentication(sessionId, authenticatedAt, amr) {
      return run('updateSessionAuthentication', () => {
        statements.updateSessionAuthentication.run({
          id: sessionId,
          authenticatedAt: checkDate(authenticatedAt, 'updateSessionAuthentication: authenticatedAt'),
          amr: JSON.stringify(checkAmr(amr, 'updateSessionAuthentication')),
        });
      });
    },

    deleteSession(sessionId) {
      return run('deleteSession', () => statements.deleteSession.run(sessionId).changes === 1);
    },

    deleteUserSessions(userId, exceptSessionId) {
      return run('deleteUserSessions', () =>
        statements.deleteUserSessions.all({ userId, exceptSessionId }).map((row) => row.id),
      );
    },

    listUserSessions(userId) {
      return run('listUserSessions', () => statements.listUserSessions.all(userId).map(sessionFromRow));
    },

    deleteExpiredSessions(now) {
      return run(
        'deleteExpiredSessions',
        () => statements.deleteExpiredSessions.run(checkDate(now, 'deleteExpiredSessions: now')).changes,
      );
    },

    countLiveSessions(now) {
      return run(
        'countLiveSessions',
        () => statements.countLiveSessions.get(checkDate(now, 'countLiveSessions: now'))?.count ?? 0,
      );
    },

    rotateSessionRefreshToken(sessionId, expectedRefreshTokenHash, next) {
      return run('rotateSessionRefreshToken', () => {
        if (typeof expectedRefreshTokenHash !== 'string') {
          throw new TypeError('rotateSessionRefreshToken: expectedRefreshTokenHash must be a string.');
        }
        const { refreshRotatedAtMillis } = checkRefreshChainState(next, 'rotateSessionRefreshToken');
        const result = statements.rotateSessionRefreshToken.run({
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
