import type {
  AuditEvent,
  AuditQuery,
  CounterState,
  RevocationEntry,
  SessionRecord,
  SigningKeyRecord,
  TesseraStore,
  UserRecord,
} from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { compareEmails } from '../lib/compare-emails.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';

// A revocation as kept here: its position in the log as a number, rendered as a cursor on the way out.
interface StoredRevocation {
  position: number;
  sessionId: string;
  revokedAt: Date;
  expiresAt: Date;
}

/**
 * A `TesseraStore` kept in this process's memory, for tests and single-process development.
 * Warning: everything it holds is lost when the process exits or the store closes; the SQLite store keeps data.
 *
 * @example
 * const store = createMemoryStore();
 * await store.ping();
 */
export function createMemoryStore(): TesseraStore {
  const users = new Map<string, UserRecord>();
  const userIdsByEmail = new Map<string, string>();
  const sessions = new Map<string, SessionRecord>();
  const counters = new Map<string, CounterState>();
  // Insertion order doubles as the tie-break for events with the same `at`, like SQLite's rowid.
  const auditEvents: AuditEvent[] = [];
  const auditEventIds = new Set<string>();
  // A Map keeps insertion order: the tie-break for keys created in the same millisecond, like SQLite's rowid.
  const signingKeys = new Map<string, SigningKeyRecord>();
  // In append order. Positions are never reused, even once the newest entries are swept (see the SQLite
  // migration's AUTOINCREMENT), so a follower's cursor always means the same place in the log.
  const revocations: StoredRevocation[] = [];
  let lastRevocationPosition = 0;
  let closed = false;

  // Runs one operation to completion before any other can start (nothing in it awaits), which is what
  // makes each call atomic in a single process; a throw becomes a rejection, like a real driver's.
  function run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      // Same behaviour as a real store after `close()`: an infrastructure fault, never "not found".
      if (closed) throw new StoreUnavailableError('The memory store is closed.', undefined);
      resolve(work());
    });
  }

  function liveCounter(key: string, nowMillis: number): CounterState | undefined {
    const counter = counters.get(key);
    if (counter === undefined) return undefined;
    // Expired "at or before now", the same boundary as session expiry.
    if (counter.expiresAt.getTime() <= nowMillis) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  }

  return {
    insertUser(user) {
      return run(() => {
        if (userIdsByEmail.has(user.email)) return false;
        // A duplicate id is a caller bug (ids are random), not a taken email: reject like SQLite's PRIMARY KEY.
        if (users.has(user.id)) throw new Error('insertUser: a user with this id already exists.');
        users.set(user.id, copyUser(user));
        userIdsByEmail.set(user.email, user.id);
        return true;
      });
    },

    getUserById(id) {
      return run(() => {
        const user = users.get(id);
        return user === undefined ? null : copyUser(user);
      });
    },

    getUserByEmail(email) {
      return run(() => {
        const id = userIdsByEmail.get(email);
        const user = id === undefined ? undefined : users.get(id);
        return user === undefined ? null : copyUser(user);
      });
    },

    updateUserPasswordHash(userId, passwordHash) {
      return run(() => {
        const user = users.get(userId);
        if (user !== undefined) user.passwordHash = passwordHash;
      });
    },

    listUsers(query) {
      return run(() => {
        checkListLimit(query.limit, 'listUsers');
        const { emailContains, afterEmail } = query;
        return [...users.values()]
          .filter(
            (user) =>
              (emailContains === null || user.email.includes(emailContains)) &&
              (afterEmail === null || compareEmails(user.email, afterEmail) > 0),
          )
          .sort((a, b) => compareEmails(a.email, b.email))
          .slice(0, query.limit)
          .map(copyUser);
      });
    },

    updateUserDisabledAt(userId, disabledAt) {
      return run(() => {
        const at = disabledAt === null ? null : new Date(checkDate(disabledAt, 'updateUserDisabledAt'));
        const user = users.get(userId);
        if (user === undefined) return null;
        user.disabledAt = at;
        return copyUser(user);
      });
    },

    updateUserRoles(userId, roles) {
      return run(() => {
        checkRoles(roles, 'updateUserRoles');
        const user = users.get(userId);
        if (user === undefined) return null;
        user.roles = [...roles];
        return copyUser(user);
      });
    },

    listEnabledUserIdsWithRole(role, limit) {
      return run(() => {
        checkListLimit(limit, 'listEnabledUserIdsWithRole');
        return [...users.values()]
          .filter((user) => user.disabledAt === null && user.roles.includes(role))
          .map((user) => user.id)
          .sort()
          .slice(0, limit);
      });
    },

    insertUsers(batch) {
      return run(() => {
        checkUserBatch(batch);
        const taken = batch.filter((user) => userIdsByEmail.has(user.email)).map((user) => user.email);
        if (taken.length > 0) return taken;
        if (batch.some((user) => users.has(user.id)))
          throw new Error('insertUsers: a user with this id already exists.');
        for (const user of batch) {
          users.set(user.id, copyUser(user));
          userIdsByEmail.set(user.email, user.id);
        }
        return [];
      });
    },

    insertSession(session) {
      return run(() => {
        if (sessions.has(session.id))
          throw new Error('insertSession: a session with this id already exists.');
        // Mirrors the FOREIGN KEY of the SQL stores, so a bug shows up in tests that use this store too.
        if (!users.has(session.userId))
          throw new Error('insertSession: the session belongs to no stored user.');
        checkRefreshChainState(session, 'insertSession');
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

    incrementCounter(key, delta, windowSeconds, now) {
      return run(() => {
        const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
        const counter = liveCounter(key, nowMillis);
        if (counter !== undefined) {
          // The window is fixed at creation: later increments never extend it.
          counter.count += delta;
          return copyCounter(counter);
        }
        if (delta <= 0) return null;
        const created: CounterState = { count: delta, expiresAt: new Date(expiresAtMillis) };
        counters.set(key, created);
        return copyCounter(created);
      });
    },

    getCounter(key, now) {
      return run(() => {
        const counter = liveCounter(key, checkDate(now, 'getCounter: now'));
        return counter === undefined ? null : copyCounter(counter);
      });
    },

    deleteCounter(key) {
      return run(() => {
        counters.delete(key);
      });
    },

    deleteExpiredCounters(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredCounters: now');
        let count = 0;
        for (const [key, counter] of counters) {
          if (counter.expiresAt.getTime() <= nowMillis) {
            counters.delete(key);
            count += 1;
          }
        }
        return count;
      });
    },

    insertAuditEvent(event) {
      return run(() => {
        if (auditEventIds.has(event.id))
          throw new Error('insertAuditEvent: an event with this id already exists.');
        auditEventIds.add(event.id);
        auditEvents.push(copyAuditEvent(event));
      });
    },

    listAuditEvents(query) {
      return run(() => {
        checkListLimit(query.limit, 'listAuditEvents');
        const beforeMillis =
          query.before === null ? null : checkDate(query.before, 'listAuditEvents: before');
        const matches = auditEvents
          .filter((event) => matchesAuditQuery(event, query, beforeMillis))
          .reverse();
        // Stable sort over the reversed log: newest `at` first, later insertions first among equal instants.
        matches.sort((a, b) => b.at.getTime() - a.at.getTime());
        return matches.slice(0, query.limit).map(copyAuditEvent);
      });
    },

    insertSigningKey(key) {
      return run(() => {
        checkSigningKey(key, 'insertSigningKey');
        if (signingKeys.has(key.kid))
          throw new Error('insertSigningKey: a signing key with this kid already exists.');
        signingKeys.set(key.kid, copySigningKey(key));
      });
    },

    listSigningKeys() {
      return run(() => {
        const keys = [...signingKeys.values()];
        // Stable: keys created in the same millisecond keep insertion order.
        keys.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
        return keys.map(copySigningKey);
      });
    },

    retireSigningKey(kid, retiredAt, expiresAt) {
      return run(() => {
        const retiredAtMillis = checkDate(retiredAt, 'retireSigningKey: retiredAt');
        const expiresAtMillis = checkDate(expiresAt, 'retireSigningKey: expiresAt');
        const key = signingKeys.get(kid);
        if (key === undefined) return;
        key.retiredAt = new Date(retiredAtMillis);
        key.expiresAt = new Date(expiresAtMillis);
      });
    },

    updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      return run(() => {
        checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
        const key = signingKeys.get(kid);
        if (key !== undefined) key.privateJwkCiphertext = privateJwkCiphertext;
      });
    },

    deleteExpiredSigningKeys(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredSigningKeys: now');
        let count = 0;
        for (const [kid, key] of signingKeys) {
          // A current key (expiresAt null) never expires.
          if (key.expiresAt !== null && key.expiresAt.getTime() <= nowMillis) {
            signingKeys.delete(kid);
            count += 1;
          }
        }
        return count;
      });
    },

    appendRevocations(entries) {
      return run(() => {
        // Every entry is checked before the first is kept: all of a batch or none of it.
        const checked = entries.map((entry) => ({
          sessionId: entry.sessionId,
          revokedAtMillis: checkDate(entry.revokedAt, 'appendRevocations: revokedAt'),
          expiresAtMillis: checkDate(entry.expiresAt, 'appendRevocations: expiresAt'),
        }));
        return checked.map((entry) => {
          lastRevocationPosition += 1;
          const stored: StoredRevocation = {
            position: lastRevocationPosition,
            sessionId: entry.sessionId,
            revokedAt: new Date(entry.revokedAtMillis),
            expiresAt: new Date(entry.expiresAtMillis),
          };
          revocations.push(stored);
          return revocationFromStored(stored);
        });
      });
    },

    listRevocations(afterCursor, now, limit) {
      return run(() => {
        checkListLimit(limit, 'listRevocations');
        const after = parseRevocationCursor(afterCursor, 'listRevocations');
        const nowMillis = checkDate(now, 'listRevocations: now');
        const listed: RevocationEntry[] = [];
        for (const stored of revocations) {
          if (listed.length >= limit) break;
          if (stored.position > after && stored.expiresAt.getTime() > nowMillis) {
            listed.push(revocationFromStored(stored));
          }
        }
        return listed;
      });
    },

    deleteExpiredRevocations(now) {
      return run(() => {
        const nowMillis = checkDate(now, 'deleteExpiredRevocations: now');
        // Compacts in place, keeping append order.
        let kept = 0;
        for (const stored of revocations) {
          if (stored.expiresAt.getTime() > nowMillis) {
            revocations[kept] = stored;
            kept += 1;
          }
        }
        const deleted = revocations.length - kept;
        revocations.length = kept;
        return deleted;
      });
    },

    ping() {
      return run(() => undefined);
    },

    close() {
      // Idempotent; dropping the data too makes a use-after-close bug fail loudly instead of reading stale state.
      closed = true;
      users.clear();
      userIdsByEmail.clear();
      sessions.clear();
      counters.clear();
      auditEvents.length = 0;
      auditEventIds.clear();
      signingKeys.clear();
      revocations.length = 0;
      return Promise.resolve();
    },
  };
}

function matchesAuditQuery(event: AuditEvent, query: AuditQuery, beforeMillis: number | null): boolean {
  return (
    (query.userId === null || event.userId === query.userId) &&
    (query.type === null || event.type === query.type) &&
    (beforeMillis === null || event.at.getTime() < beforeMillis)
  );
}

// Records are copied field by field on the way in and out, so neither the caller nor the store can
// change the other's copy (Dates and arrays are mutable), and stray extra properties are not kept.
function copyUser(user: UserRecord): UserRecord {
  return {
    id: user.id,
    email: user.email,
    passwordHash: user.passwordHash,
    roles: [...user.roles],
    createdAt: new Date(user.createdAt.getTime()),
    disabledAt: user.disabledAt === null ? null : new Date(user.disabledAt.getTime()),
  };
}

function copySession(session: SessionRecord): SessionRecord {
  return {
    id: session.id,
    secretHash: session.secretHash,
    userId: session.userId,
    createdAt: new Date(session.createdAt.getTime()),
    lastSeenAt: new Date(session.lastSeenAt.getTime()),
    idleExpiresAt: new Date(session.idleExpiresAt.getTime()),
    absoluteExpiresAt: new Date(session.absoluteExpiresAt.getTime()),
    ip: session.ip,
    userAgent: session.userAgent,
    transport: session.transport,
    refreshTokenHash: session.refreshTokenHash,
    previousRefreshTokenHash: session.previousRefreshTokenHash,
    refreshRotatedAt: session.refreshRotatedAt === null ? null : new Date(session.refreshRotatedAt.getTime()),
    refreshGeneration: session.refreshGeneration,
  };
}

function copyCounter(counter: CounterState): CounterState {
  return { count: counter.count, expiresAt: new Date(counter.expiresAt.getTime()) };
}

function copyAuditEvent(event: AuditEvent): AuditEvent {
  return {
    id: event.id,
    type: event.type,
    at: new Date(event.at.getTime()),
    userId: event.userId,
    sessionId: event.sessionId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: { ...event.detail },
  };
}

function copySigningKey(key: SigningKeyRecord): SigningKeyRecord {
  return {
    kid: key.kid,
    alg: key.alg,
    publicJwk: key.publicJwk,
    privateJwkCiphertext: key.privateJwkCiphertext,
    createdAt: new Date(key.createdAt.getTime()),
    activatesAt: new Date(key.activatesAt.getTime()),
    retiredAt: key.retiredAt === null ? null : new Date(key.retiredAt.getTime()),
    expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt.getTime()),
  };
}

function revocationFromStored(stored: StoredRevocation): RevocationEntry {
  return {
    cursor: formatRevocationCursor(stored.position),
    sessionId: stored.sessionId,
    revokedAt: new Date(stored.revokedAt.getTime()),
    expiresAt: new Date(stored.expiresAt.getTime()),
  };
}
