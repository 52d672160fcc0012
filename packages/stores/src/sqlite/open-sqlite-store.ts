import type { TesseraStore } from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkCounterArguments } from '../lib/check-counter-arguments.js';
import { checkDate } from '../lib/check-date.js';
import { checkListLimit } from '../lib/check-list-limit.js';
import { checkPrivateJwkCiphertext } from '../lib/check-private-jwk-ciphertext.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { checkRoles } from '../lib/check-roles.js';
import { checkUserBatch } from '../lib/check-user-batch.js';
import { parseRevocationCursor } from '../lib/parse-revocation-cursor.js';
import { applyMigrations } from './apply-migrations.js';
import { migrations } from './migrations.js';
import { prepareStatements } from './prepare-statements.js';
import {
  auditEventFromRow,
  auditEventToRow,
  counterFromRow,
  revocationFromRow,
  revocationToRow,
  sessionFromRow,
  sessionToRow,
  signingKeyFromRow,
  signingKeyToRow,
  userFromRow,
  userToRow,
} from './sqlite-rows.js';
import type { RevocationInsertRow, RevocationRow, UserRow } from './sqlite-rows.js';
import { toStoreError } from './to-store-error.js';

/**
 * Where the SQLite store keeps its data.
 *
 * @example
 * const options: OpenSqliteStoreOptions = { path: '/var/lib/tessera/tessera.db' };
 */
export interface OpenSqliteStoreOptions {
  /** A file path (created owner-only, 0600, as is its directory when missing: 0700), or `':memory:'` for a private in-memory database. */
  path: string;
}

// How long a write waits for another connection's lock (another process on the same file) before
// failing with SQLITE_BUSY, reported as StoreUnavailableError. Writes here take well under a millisecond,
// so reaching this means something is stuck, not merely busy.
const busyTimeoutMilliseconds = 5000;

// Beyond every stored instant (the year 287396), so "no `before` filter" can still bound the index scan.
const endOfTimeMillis = Number.MAX_SAFE_INTEGER;

/**
 * Opens (creating and migrating if needed) the embedded SQLite store at `path`: the default store of a
 * single-server deployment. Throws `TypeError` for a bad path, `StoreUnavailableError` when the file cannot
 * be opened, and `Error` when the file was written by a newer Tessera.
 *
 * @example
 * const store = openSqliteStore({ path: join(dataDir, 'tessera.db') });
 */
export function openSqliteStore(options: OpenSqliteStoreOptions): TesseraStore {
  const { path } = options;
  // '' would make better-sqlite3 open an anonymous temporary file: data silently lost on close.
  if (typeof path !== 'string' || path === '') {
    throw new TypeError('openSqliteStore: path must be a file path or ":memory:".');
  }

  const db = openDatabase(path);
  let closed = false;
  const statements = (() => {
    try {
      applyMigrations(db, migrations);
      return prepareStatements(db);
    } catch (error) {
      db.close();
      throw toStoreError(error, 'open');
    }
  })();

  // All of a batch or none of it, so a follower never sees half of a logout-all. IMMEDIATE takes the
  // write lock up front: a second process appending waits its turn (busy_timeout) instead of failing.
  const appendRevocationRows = db.transaction((rows: readonly RevocationInsertRow[]): RevocationRow[] =>
    rows.map((row) => {
      const inserted = statements.appendRevocation.get(row);
      if (inserted === undefined) throw new Error('appendRevocations: INSERT … RETURNING returned no row.');
      return { ...row, cursor: inserted.cursor };
    }),
  );

  // All users or none. The taken emails are read inside the write transaction (IMMEDIATE), so no other
  // process can take one between the check and the inserts.
  const insertUserRows = db.transaction((rows: readonly UserRow[]): string[] => {
    const taken = rows.filter((row) => statements.getUserByEmail.get(row.email) !== undefined);
    if (taken.length > 0) return taken.map((row) => row.email);
    for (const row of rows) {
      if (statements.insertUser.run(row).changes !== 1) throw new Error('insertUsers: an email was taken.');
    }
    return [];
  });

  // Every call runs synchronously inside this promise executor: better-sqlite3 is synchronous, so one
  // call finishes before the next starts, and a driver error becomes a rejection, translated once here.
  function run<T>(operation: string, work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (closed) {
        throw new StoreUnavailableError(`SQLite store: ${operation} failed (closed).`, undefined);
      }
      try {
        resolve(work());
      } catch (error) {
        throw toStoreError(error, operation);
      }
    });
  }

  return {
    insertUser(user) {
      return run('insertUser', () => statements.insertUser.run(userToRow(user)).changes === 1);
    },

    getUserById(id) {
      return run('getUserById', () => {
        const row = statements.getUserById.get(id);
        return row === undefined ? null : userFromRow(row);
      });
    },

    getUserByEmail(email) {
      return run('getUserByEmail', () => {
        const row = statements.getUserByEmail.get(email);
        return row === undefined ? null : userFromRow(row);
      });
    },

    updateUserPasswordHash(userId, passwordHash) {
      return run('updateUserPasswordHash', () => {
        statements.updateUserPasswordHash.run({ id: userId, passwordHash });
      });
    },

    listUsers(query) {
      return run('listUsers', () => {
        checkListLimit(query.limit, 'listUsers');
        return statements.listUsers
          .all({ emailContains: query.emailContains, afterEmail: query.afterEmail, limit: query.limit })
          .map(userFromRow);
      });
    },

    updateUserDisabledAt(userId, disabledAt) {
      return run('updateUserDisabledAt', () => {
        const at = disabledAt === null ? null : checkDate(disabledAt, 'updateUserDisabledAt');
        const row = statements.updateUserDisabledAt.get({ id: userId, disabledAt: at });
        return row === undefined ? null : userFromRow(row);
      });
    },

    listEnabledUserIdsWithRole(role, limit) {
      return run('listEnabledUserIdsWithRole', () => {
        checkListLimit(limit, 'listEnabledUserIdsWithRole');
        return statements.listEnabledUserIdsWithRole.all({ role, limit }).map((row) => row.id);
      });
    },

    updateUserRoles(userId, roles) {
      return run('updateUserRoles', () => {
        checkRoles(roles, 'updateUserRoles');
        const row = statements.updateUserRoles.get({ id: userId, roles: JSON.stringify(roles) });
        return row === undefined ? null : userFromRow(row);
      });
    },

    insertUsers(users) {
      return run('insertUsers', () => {
        checkUserBatch(users);
        return insertUserRows.immediate(users.map(userToRow));
      });
    },

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

    incrementCounter(key, delta, windowSeconds, now) {
      return run('incrementCounter', () => {
        const { nowMillis, expiresAtMillis } = checkCounterArguments(delta, windowSeconds, now);
        const row =
          delta > 0
            ? statements.createOrIncrementCounter.get({
                key,
                delta,
                now: nowMillis,
                expiresAt: expiresAtMillis,
              })
            : statements.addToLiveCounter.get({ key, delta, now: nowMillis });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    getCounter(key, now) {
      return run('getCounter', () => {
        const row = statements.getLiveCounter.get({ key, now: checkDate(now, 'getCounter: now') });
        return row === undefined ? null : counterFromRow(row);
      });
    },

    deleteCounter(key) {
      return run('deleteCounter', () => {
        statements.deleteCounter.run(key);
      });
    },

    deleteExpiredCounters(now) {
      return run(
        'deleteExpiredCounters',
        () => statements.deleteExpiredCounters.run(checkDate(now, 'deleteExpiredCounters: now')).changes,
      );
    },

    insertAuditEvent(event) {
      return run('insertAuditEvent', () => {
        statements.insertAuditEvent.run(auditEventToRow(event));
      });
    },

    listAuditEvents(query) {
      return run('listAuditEvents', () => {
        checkListLimit(query.limit, 'listAuditEvents');
        const params = {
          type: query.type,
          before:
            query.before === null ? endOfTimeMillis : checkDate(query.before, 'listAuditEvents: before'),
          limit: query.limit,
        };
        const rows =
          query.userId === null
            ? statements.listAuditEvents.all(params)
            : statements.listUserAuditEvents.all({ ...params, userId: query.userId });
        return rows.map(auditEventFromRow);
      });
    },

    insertSigningKey(key) {
      return run('insertSigningKey', () => {
        // A duplicate kid fails the PRIMARY KEY: a constraint error, passed on unchanged (a rejection).
        statements.insertSigningKey.run(signingKeyToRow(key));
      });
    },

    listSigningKeys() {
      return run('listSigningKeys', () => statements.listSigningKeys.all().map(signingKeyFromRow));
    },

    retireSigningKey(kid, retiredAt, expiresAt) {
      return run('retireSigningKey', () => {
        statements.retireSigningKey.run({
          kid,
          retiredAt: checkDate(retiredAt, 'retireSigningKey: retiredAt'),
          expiresAt: checkDate(expiresAt, 'retireSigningKey: expiresAt'),
        });
      });
    },

    updateSigningKeyCiphertext(kid, privateJwkCiphertext) {
      return run('updateSigningKeyCiphertext', () => {
        checkPrivateJwkCiphertext(privateJwkCiphertext, 'updateSigningKeyCiphertext');
        statements.updateSigningKeyCiphertext.run({ kid, privateJwkCiphertext });
      });
    },

    deleteExpiredSigningKeys(now) {
      return run(
        'deleteExpiredSigningKeys',
        () =>
          statements.deleteExpiredSigningKeys.run(checkDate(now, 'deleteExpiredSigningKeys: now')).changes,
      );
    },

    appendRevocations(entries) {
      return run('appendRevocations', () => {
        // Every entry is checked before the first is written.
        const rows = entries.map(revocationToRow);
        if (rows.length === 0) return [];
        return appendRevocationRows.immediate(rows).map(revocationFromRow);
      });
    },

    listRevocations(afterCursor, now, limit) {
      return run('listRevocations', () => {
        checkListLimit(limit, 'listRevocations');
        const params = {
          after: parseRevocationCursor(afterCursor, 'listRevocations'),
          now: checkDate(now, 'listRevocations: now'),
          limit,
        };
        return statements.listRevocations.all(params).map(revocationFromRow);
      });
    },

    deleteExpiredRevocations(now) {
      return run(
        'deleteExpiredRevocations',
        () =>
          statements.deleteExpiredRevocations.run(checkDate(now, 'deleteExpiredRevocations: now')).changes,
      );
    },

    ping() {
      return run('ping', () => {
        statements.ping.get();
      });
    },

    close() {
      return new Promise<void>((resolve) => {
        if (!closed) {
          closed = true;
          try {
            // Best effort, as SQLite recommends before closing a long-lived connection: refreshes the
            // statistics the planner uses. A failure here must not keep the file open.
            db.pragma('optimize');
          } catch {
            // Nothing to do: the database is closed next either way.
          }
          try {
            db.close();
          } catch (error) {
            throw toStoreError(error, 'close');
          }
        }
        resolve();
      });
    },
  };
}

function openDatabase(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // SQLite would create the file 0644, and creates -wal and -shm with the database file's mode:
      // created here first, owner-only, all three are (DESIGN §3.2). An existing file keeps its mode.
      closeSync(openSync(path, 'a', 0o600));
    }
    db = new Database(path, { timeout: busyTimeoutMilliseconds });
    // WAL: readers never block the writer and the writer never blocks readers; with it,
    // synchronous = NORMAL is still crash-safe for the database (a power loss can drop the last
    // commits, never corrupt the file), at a fraction of FULL's fsyncs.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // SQLite leaves foreign keys off unless each connection asks; sessions cascade with their user.
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${busyTimeoutMilliseconds}`);
    return db;
  } catch (error) {
    db?.close();
    throw new StoreUnavailableError(`SQLite store: could not open the database at ${path}.`, error);
  }
}
