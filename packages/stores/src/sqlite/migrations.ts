import { passkeysMigration } from './passkeys-migration.js';

/** One schema change: applied once, in `version` order, and recorded in `schema_migrations`. */
export interface SqliteMigration {
  /** 1, 2, 3…: strictly increasing, never reused or edited once released. */
  version: number;
  /** A short slug, recorded next to the version so a database from another branch is recognized. */
  name: string;
  sql: string;
}

// Instants are INTEGER milliseconds since the Unix epoch (what `Date#getTime` returns): exact to the
// millisecond a `Date` holds, sorted and compared as plain numbers by indexes, and free of the time-zone
// and format parsing that ISO text or SQLite's REAL julian days would need.
//
// Tables are STRICT, so a value of the wrong type (a fractional count, a string in a time column) is
// refused by SQLite instead of being stored as whatever it happened to be.

/**
 * The SQLite schema, as an ordered list of migrations. Append new ones; never edit a released one.
 *
 * @example
 * const latestVersion = migrations.at(-1)?.version; // 2
 */
export const migrations: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'initial-schema',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
  created_at INTEGER NOT NULL,
  disabled_at INTEGER
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  ip TEXT,
  user_agent TEXT,
  transport TEXT NOT NULL CHECK (transport IN ('cookie', 'jwt-cookie', 'bearer'))
) STRICT;

-- Listing a user's devices (oldest first) and deleting them all; also serves the foreign key.
CREATE INDEX sessions_user_id_created_at ON sessions (user_id, created_at);

-- Expiry sweeps: a session is expired when the earlier of its two expiries has passed. Indexing that
-- one expression lets the sweep be a single range scan instead of an OR over two indexes.
CREATE INDEX sessions_expires_at ON sessions (min(idle_expires_at, absolute_expires_at));

-- Small rows looked up only by key: WITHOUT ROWID keeps each one in a single b-tree.
CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- Attackers choose counter keys (account + IP), so expired ones are swept; this keeps it a range scan.
CREATE INDEX counters_expires_at ON counters (expires_at);

-- No foreign keys: the audit log outlives the users and sessions it mentions, and failed logins
-- for unknown emails have no user at all. The rowid orders events that share the same instant.
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  user_id TEXT,
  session_id TEXT,
  ip TEXT,
  user_agent TEXT,
  detail TEXT NOT NULL CHECK (json_valid(detail) AND json_type(detail) = 'object')
) STRICT;

CREATE INDEX audit_events_user_id_at ON audit_events (user_id, at);
CREATE INDEX audit_events_at ON audit_events (at);
`,
  },
  {
    version: 2,
    name: 'refresh-chains-signing-keys-revocations',
    sql: `
-- The refresh-token chain of a session (DESIGN §3.1, refresh races). Existing sessions are cookie
-- sessions: no chain (NULLs) at generation 0. The CHECK is verified against existing rows by ADD COLUMN.
ALTER TABLE sessions ADD COLUMN refresh_token_hash TEXT;
ALTER TABLE sessions ADD COLUMN previous_refresh_token_hash TEXT;
ALTER TABLE sessions ADD COLUMN refresh_rotated_at INTEGER;
ALTER TABLE sessions ADD COLUMN refresh_generation INTEGER NOT NULL DEFAULT 0 CHECK (refresh_generation >= 0);

-- Access-token signing keys (DESIGN §4): the private part only as an encrypted envelope. The last CHECK
-- keeps a secret out of the JWKS: HS256 has no public part, every other algorithm must have one.
-- A handful of rows, read whole: no index beyond the primary key.
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL CHECK (alg IN ('EdDSA', 'ES256', 'RS256', 'HS256')),
  public_jwk TEXT CHECK (public_jwk IS NULL OR (json_valid(public_jwk) AND json_type(public_jwk) = 'object')),
  private_jwk_ciphertext TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  activates_at INTEGER NOT NULL,
  retired_at INTEGER,
  expires_at INTEGER,
  CHECK ((alg = 'HS256') = (public_jwk IS NULL))
) STRICT;

-- The revocation log behind the feed. The cursor is the position in the log. AUTOINCREMENT, not a plain
-- rowid: a plain rowid is max + 1, so once the newest entries are swept a new entry would reuse their
-- numbers, and a follower resuming after one of them would skip it. AUTOINCREMENT never reuses a number,
-- across sweeps and restarts. No foreign key: the entry outlives the session it revokes (deleted first).
CREATE TABLE revocations (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL,
  revoked_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
-- Expiry sweeps.
CREATE INDEX revocations_expires_at ON revocations (expires_at);
`,
  },
  // Versions 3–5 belong to other branches (email, second factors, OpenID Connect); these placeholders
  // keep the numbering whole on this branch and are replaced by the real migrations when merged.
  { version: 3, name: 'reserved-3', sql: '-- reserved' },
  { version: 4, name: 'reserved-4', sql: '-- reserved' },
  { version: 5, name: 'reserved-5', sql: '-- reserved' },
  passkeysMigration,
];
