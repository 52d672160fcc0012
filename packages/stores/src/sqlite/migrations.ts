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
 * const latestVersion = migrations.at(-1)?.version; // 6
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
  {
    version: 3,
    name: 'email-verification-and-tokens',
    sql: `
-- DESIGN §7. Existing users never proved their address: they start unverified.
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1));

-- Links mailed for a password reset, a new account's address, or a change of address. Only the SHA-256
-- of the secret is stored; a token dies at its first use (deleted) or at expires_at (swept).
CREATE TABLE email_tokens (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('password-reset', 'email-verify', 'email-change')),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- "A newer reset link kills the older ones": a user's tokens of one purpose; also serves the foreign key.
CREATE INDEX email_tokens_user_id_purpose ON email_tokens (user_id, purpose);
-- Expiry sweeps.
CREATE INDEX email_tokens_expires_at ON email_tokens (expires_at);
`,
  },
  {
    version: 4,
    name: 'session-authentication-second-factors',
    sql: `
-- How and when each session was authenticated (DESIGN §9). Sessions from before: signed in by password
-- when they were created. The CHECKs are verified against existing rows by ADD COLUMN.
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET authenticated_at = created_at;
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '["pwd"]' CHECK (json_valid(amr) AND json_type(amr) = 'array');

-- A user's TOTP factor (RFC 6238). Secrets only sealed (AES-256-GCM under TESSERA_SECRET). The confirmed
-- secret signs in; a pending one (enrolment under way) replaces it only when confirmed with a code.
-- last_step: the time step of the last accepted code, so no code is accepted twice (compare-and-set).
CREATE TABLE totp_factors (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sealed_secret TEXT,
  confirmed_at INTEGER,
  last_step INTEGER,
  pending_sealed_secret TEXT,
  pending_created_at INTEGER,
  CHECK ((sealed_secret IS NULL) = (confirmed_at IS NULL)),
  CHECK ((pending_sealed_secret IS NULL) = (pending_created_at IS NULL))
) STRICT, WITHOUT ROWID;

-- Recovery codes: only their SHA-256 (they are long random strings), single use.
CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, code_hash)
) STRICT, WITHOUT ROWID;

-- Logins waiting for their second step (the mfaToken of DESIGN §9): only the token secret's SHA-256.
CREATE TABLE pending_logins (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  transport TEXT NOT NULL CHECK (transport IN ('cookie', 'jwt-cookie', 'bearer')),
  amr TEXT NOT NULL CHECK (json_valid(amr) AND json_type(amr) = 'array'),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0)
) STRICT;
CREATE INDEX pending_logins_expires_at ON pending_logins (expires_at);
CREATE INDEX pending_logins_user_id ON pending_logins (user_id);
`,
  },
  {
    version: 5,
    name: 'provider-identities',
    sql: `
-- Sign-in identities at other providers (DESIGN §8): one row per (provider, subject), at most one per
-- provider for a user. Unlinked with the user (CASCADE). Listing a user's identities uses the second key.
CREATE TABLE identities (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  email_verified INTEGER NOT NULL CHECK (email_verified IN (0, 1)),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (provider, subject),
  UNIQUE (user_id, provider)
) STRICT;
-- Users without a password (created by a provider sign-in) keep '' in users.password_hash: SQLite cannot
-- drop NOT NULL without rebuilding the table, and a rebuild of users would cascade-delete every session
-- (docs/decisions/0048-users-without-a-password.md). No PHC hash is ever empty.
`,
  },
  {
    version: 6,
    name: 'passkeys-webauthn-challenges',
    sql: `
-- A user's passkeys go with the user. The credential id is what a browser presents at sign-in, and one
-- credential belongs to one account only: UNIQUE, which also indexes the sign-in lookup.
CREATE TABLE passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL UNIQUE,
  public_key TEXT NOT NULL,
  sign_count INTEGER NOT NULL CHECK (sign_count >= 0),
  transports TEXT NOT NULL CHECK (json_valid(transports) AND json_type(transports) = 'array'),
  name TEXT NOT NULL,
  device_type TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up INTEGER NOT NULL CHECK (backed_up IN (0, 1)),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;
-- Listing a user's passkeys (oldest first); also serves the foreign key.
CREATE INDEX passkeys_user_id_created_at ON passkeys (user_id, created_at);

-- Issued challenges, looked up only by themselves and taken once. No foreign key: a sign-in challenge
-- has no user, and a registration challenge lives 300 seconds at most.
CREATE TABLE webauthn_challenges (
  challenge TEXT PRIMARY KEY,
  ceremony TEXT NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
  user_id TEXT,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- Anyone can ask for a sign-in challenge, so expired ones are swept; this keeps it a range scan.
CREATE INDEX webauthn_challenges_expires_at ON webauthn_challenges (expires_at);
`,
  },
];
