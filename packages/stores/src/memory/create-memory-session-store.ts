import type { SessionRecord, SessionStore } from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkDate } from '../lib/check-date.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import type { MemoryGate } from './create-memory-gate.js';

/**
 * The session part of the memory store. `hasUser` tells whether a user is stored: a session of no
 * stored user is refused, as the SQL stores' FOREIGN KEY refuses it.
 *
 * @example
 * const sessions = createMemorySessionStore(gate, (id) => users.has(id));
 */
export function createMemorySessionStore(
  gate: MemoryGate,
  hasUser: (userId: string) => boolean,
): SessionStore {
  const sessions = new Map<string, SessionRecord>();
  const { run } = gate;
  gate.onClose(() => {
    sessions.clear();
  });

  return {
    insertSession(session) {
      return run(() => {
        if (sessions.has(session.id))
          throw new Error('insertSession: a session with this id already exists.');
        // Mirrors the FOREIGN KEY of the SQL stores, so a bug shows up in tests that use this store too.
        if (!hasUser(session.userId))
          throw new Error('insertSession: the session belongs to no stored user.');
        checkRefreshChainState(session, 'insertSession');
        checkDate(session.authenticatedAt, 'insertSession: authenticatedAt');
        checkAmr(session.amr, 'insertSession');
        sessions.set(session.id, copySession(session));
      });
    },

    getSession(sessionId) {
      return run(() => {
        const session = sessions.get(sessionId);
        return session === undefined ? null : copySession(session);
      });
    },

    updateSessionActivity(sessionId, lastSeenAt, idleExpiresAt) {
      return run(() => {
        const session = sessions.get(sessionId);
        if (session === undefined) return;
        session.lastSeenAt = new Date(checkDate(lastSeenAt, 'updateSessionActivity: lastSeenAt'));
        session.idleExpiresAt = new Date(checkDate(idleExpiresAt, 'updateSessionActivity: idleExpiresAt'));
      });
    },

    updateSessionSecretHash(sessionId, secretHash) {
      return run(() => {
        const session = sessions.get(sessionId);
        if (session !== undefined) session.secretHash = secretHash;
      });
    },

    updateSessionAuthentication(sessionId, authenticatedAt, amr) {
      return run(() => {
        const at = new Date(checkDate(authenticatedAt, 'updateSessionAuthentication: authenticatedAt'));
        const methods = checkAmr(amr, 'updateSessionAuthentication');
        const session = sessions.get(sessionId);
        if (session === undefined) return;
        session.authenticatedAt = at;
        session.amr = methods;
      });
    },

    deleteSession(sessionId) {
      return run(() => {
        return sessions.delete(sessionId);
      });
    },

    deleteUserSessions(userId, exceptSessionId) {
      return run(() => {
        const deleted: string[] = [];
        for (const [id, session] of sessions) {
          if (session.userId === userId && id !== exceptSessionId) deleted.push(id);
        }
        for (const id of deleted) sessions.delete(id);
        return deleted;
      });
    },

    listUserSessions(userId) {
      return run(() => {
        const own = [...sessions.values()].filter((session) => session.userId === userId);
        // Array#sort is stable, so sessions created in the same millisecond keep insertion order.
        own.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        return own.map(copySession);
      });
    },

    countLiveSessions(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'countLiveSessions: now');
        let count = 0;
        for (const session of sessions.values()) {
          if (
            session.idleExpiresAt.getTime() > nowMillis &&
            session.absoluteExpiresAt.getTime() > nowMillis
          ) {
            count += 1;
          }
        }
        return count;
      });
    },

    deleteExpiredSessions(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredSessions: now');
        let count = 0;
        for (const [id, session] of sessions) {
          if (
            session.idleExpiresAt.getTime() <= nowMillis ||
            session.absoluteExpiresAt.getTime() <= nowMillis
          ) {
            sessions.delete(id);
            count += 1;
          }
        }
        return count;
      });
    },

    rotateSessionRefreshToken(sessionId, expectedRefreshTokenHash, next) {
      return run(() => {
        if (typeof expectedRefreshTokenHash !== 'string') {
          throw new TypeError('rotateSessionRefreshToken: expectedRefreshTokenHash must be a string.');
        }
        const { refreshRotatedAtMillis } = checkRefreshChainState(next, 'rotateSessionRefreshToken');
        const session = sessions.get(sessionId);
        // Check and write in one synchronous step: nothing else runs in between (see `run`).
        if (session?.refreshTokenHash !== expectedRefreshTokenHash) return false;
        session.refreshTokenHash = next.refreshTokenHash;
        session.previousRefreshTokenHash = next.previousRefreshTokenHash;
        session.refreshRotatedAt = refreshRotatedAtMillis === null ? null : new Date(refreshRotatedAtMillis);
        session.refreshGeneration = next.refreshGeneration;
        return true;
      });
    },
  };
}

// Copied field by field on the way in and out, so neither side can change the other's copy.
function copySession(session: SessionRecord): SessionRecord {
  return {
    id: session.id,
    secretHash: session.secretHash,
    userId: session.userId,
    createdAt: new Date(session.createdAt.getTime()),
    lastSeenAt: new Date(session.lastSeenAt.getTime()),
    idleExpiresAt: new Date(session.idleExpiresAt.getTime()),
    absoluteExpiresAt: new Date(session.absoluteExpiresAt.getTime()),
    authenticatedAt: new Date(session.authenticatedAt.getTime()),
    amr: [...session.amr],
    ip: session.ip,
    userAgent: session.userAgent,
    transport: session.transport,
    refreshTokenHash: session.refreshTokenHash,
    previousRefreshTokenHash: session.previousRefreshTokenHash,
    refreshRotatedAt: session.refreshRotatedAt === null ? null : new Date(session.refreshRotatedAt.getTime()),
    refreshGeneration: session.refreshGeneration,
  };
}
