import type { TesseraStore } from '@tessera/core';
import type { StoreLifecycle } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './apply-migrations.js';
import { createSqlitePendingLoginStore } from './create-sqlite-pending-login-store.js';
import { createSqliteSecondFactorStore } from './create-sqlite-second-factor-store.js';
import { createSqliteAuditStore } from './create-sqlite-audit-store.js';
import { createSqliteCounterStore } from './create-sqlite-counter-store.js';
import { createSqliteEmailTokenStore } from './create-sqlite-email-token-store.js';
import { createSqliteRevocationStore } from './create-sqlite-revocation-store.js';
import { createSqliteSessionStore } from './create-sqlite-session-store.js';
import { createSqliteSigningKeyStore } from './create-sqlite-signing-key-store.js';
import { createSqliteUserStore } from './create-sqlite-user-store.js';
import { createSqliteIdentityStore } from './create-sqlite-identity-store.js';
import { migrations } from './migrations.js';
import { createSqlitePasskeyStore } from './create-sqlite-passkey-store.js';
import { createSqliteWebAuthnChallengeStore } from './create-sqlite-webauthn-challenge-store.js';
import type { SqliteConnection } from './sqlite-connection.js';
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
  let parts: ReturnType<typeof createParts>;
  const connection: SqliteConnection = { db, run };
  try {
    applyMigrations(db, migrations);
    // Every part prepares its statements now: an SQL error surfaces at start-up, and each call only binds
    // and steps.
    parts = createParts(connection);
  } catch (error) {
    db.close();
    throw toStoreError(error, 'open');
  }

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
    ...parts.store,

    ping() {
      return run('ping', () => {
        parts.ping.get();
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

// The store's parts, one line each; a new part is its own file and one line here.
function createParts(connection: SqliteConnection): {
  store: Omit<TesseraStore, keyof StoreLifecycle>;
  ping: Statement<[], { ok: number }>;
} {
  return {
    store: {
      ...createSqliteUserStore(connection),
      ...createSqliteSessionStore(connection),
      ...createSqliteSigningKeyStore(connection),
      ...createSqliteRevocationStore(connection),
      ...createSqliteCounterStore(connection),
      ...createSqliteAuditStore(connection),
      ...createSqliteSecondFactorStore(connection),
      ...createSqlitePendingLoginStore(connection),
      ...createSqliteEmailTokenStore(connection),
      ...createSqliteIdentityStore(connection),
      ...createSqlitePasskeyStore(connection),
      ...createSqliteWebAuthnChallengeStore(connection),
    },
    ping: connection.db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
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
