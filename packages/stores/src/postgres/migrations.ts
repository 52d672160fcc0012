/** One schema change: applied once, in `version` order, and recorded in `schema_migrations`. */
export interface PostgresMigration {
  /** 1, 2, 3…: strictly increasing, never reused or edited once released. */
  version: number;
  /** A short slug, recorded next to the version so a database from another branch is recognized. */
  name: string;
  /** Unqualified names: `applyMigrations` runs it with `search_path` set to the store's schema only. */
  sql: string;
}

// The same tables, columns, constraints and indexes as the SQLite schema (sqlite/migrations.ts), with
// the same version numbers and names, in PostgreSQL's own types:
//
// - Instants are `timestamptz`, not bigint milliseconds. Its resolution is the microsecond, so every
//   millisecond a `Date` holds is stored exactly (the driver writes `Date`s with their milliseconds and
//   reads them back into `Date`s; the test suite round-trips all 1000 millisecond values). In exchange an
//   operator running psql sees instants, not numbers, and can compare them with now() or partition by them.
// - JSON that Tessera reads back as a value (roles, audit detail) is `jsonb`; `public_jwk` is `json`, which
//   keeps the exact text it was given (jsonb would reorder keys and drop spaces), and is read as text.
// - SQLite's implicit rowid breaks ties between rows inserted in the same millisecond ("insertion
//   order"). PostgreSQL has no such column, so the tables that are listed in that order get an explicit
//   `seq` identity column, and their listing indexes end with it so the order comes from the index.
// - Counts and generations are `bigint`, the 64 bits of SQLite's INTEGER (callers pass safe integers).

/**
 * The PostgreSQL schema, as an ordered list of migrations. Append new ones; never edit a released one.
 *
 * @example
 * const latestVersion = migrations.at(-1)?.version; // 6
 */
export const migrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial-schema',
    sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  roles jsonb NOT NULL CHECK (jsonb_typeof(roles) = 'array'),
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  secret_hash text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  transport text NOT NULL CHECK (transport IN ('cookie', 'jwt-cookie', 'bearer')),
  seq bigint GENERATED ALWAYS AS IDENTITY
);

-- Listing a user's devices (oldest first, ties in insertion order) and deleting them all; also serves
-- the foreign key, which PostgreSQL (unlike a primary key) does not index by itself.
CREATE INDEX sessions_user_id_created_at ON sessions (user_id, created_at, seq);

-- Expiry sweeps: a session is expired when the earlier of its two expiries has passed. Indexing that
-- one expression lets the sweep be a single range scan instead of an OR over two indexes.
CREATE INDEX sessions_expires_at ON sessions (least(idle_expires_at, absolute_expires_at));

CREATE TABLE counters (
  key text PRIMARY KEY,
  count bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
-- Attackers choose counter keys (account + IP), so expired ones are swept; this keeps it a range scan.
CREATE INDEX counters_expires_at ON counters (expires_at);

-- No foreign keys: the audit log outlives the users and sessions it mentions, and failed logins
-- for unknown emails have no user at all. seq orders events that share the same instant.
CREATE TABLE audit_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  at timestamptz NOT NULL,
  user_id text,
  session_id text,
  ip text,
  user_agent text,
  detail jsonb NOT NULL CHECK (jsonb_typeof(detail) = 'object'),
  seq bigint GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX audit_events_user_id_at ON audit_events (user_id, at, seq);
CREATE INDEX audit_events_at ON audit_events (at, seq);
`,
  },
  {
    version: 2,
    name: 'refresh-chains-signing-keys-revocations',
    sql: `
-- The refresh-token chain of a session (DESIGN §3.1, refresh races). Existing sessions are cookie
-- sessions: no chain (NULLs) at generation 0. A constant default adds the column without rewriting the table.
ALTER TABLE sessions
  ADD COLUMN refresh_token_hash text,
  ADD COLUMN previous_refresh_token_hash text,
  ADD COLUMN refresh_rotated_at timestamptz,
  ADD COLUMN refresh_generation bigint NOT NULL DEFAULT 0 CHECK (refresh_generation >= 0);

-- Access-token signing keys (DESIGN §4): the private part only as an encrypted envelope. The last CHECK
-- keeps a secret out of the JWKS: HS256 has no public part, every other algorithm must have one.
-- A handful of rows, read whole: no index beyond the primary key.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL CHECK (alg IN ('EdDSA', 'ES256', 'RS256', 'HS256')),
  public_jwk json CHECK (public_jwk IS NULL OR json_typeof(public_jwk) = 'object'),
  private_jwk_ciphertext text NOT NULL,
  created_at timestamptz NOT NULL,
  activates_at timestamptz NOT NULL,
  retired_at timestamptz,
  expires_at timestamptz,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  CHECK ((alg = 'HS256') = (public_jwk IS NULL))
);

-- The revocation log behind the feed. The cursor is the position in the log, from a sequence: never
-- reused, across sweeps and restarts (after a crash it may skip ahead, never back). Appends take a lock
-- on the table (see appendRevocations), so positions are also handed out in commit order and a follower
-- that has read up to N can never later find a committed entry below N. No foreign key: the entry
-- outlives the session it revokes (deleted first).
CREATE TABLE revocations (
  cursor bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id text NOT NULL,
  revoked_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
-- Expiry sweeps.
CREATE INDEX revocations_expires_at ON revocations (expires_at);
`,
  },
  {
    version: 3,
    name: 'email-verification-and-tokens',
    sql: `
-- DESIGN §7. Existing users never proved their address: they start unverified. A constant default adds
-- the column without rewriting the table.
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- Links mailed for a password reset, a new account's address, or a change of address. Only the SHA-256
-- of the secret is stored; a token dies at its first use (deleted) or at expires_at (swept).
CREATE TABLE email_tokens (
  id text PRIMARY KEY,
  secret_hash text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('password-reset', 'email-verify', 'email-change')),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
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
-- when they were created.
ALTER TABLE sessions
  ADD COLUMN authenticated_at timestamptz,
  ADD COLUMN amr jsonb NOT NULL DEFAULT '["pwd"]' CHECK (jsonb_typeof(amr) = 'array');
UPDATE sessions SET authenticated_at = created_at;
ALTER TABLE sessions ALTER COLUMN authenticated_at SET NOT NULL;

-- A user's TOTP factor (RFC 6238). Secrets only sealed (AES-256-GCM under TESSERA_SECRET). The confirmed
-- secret signs in; a pending one (enrolment under way) replaces it only when confirmed with a code.
-- last_step: the time step of the last accepted code, so no code is accepted twice (compare-and-set).
CREATE TABLE totp_factors (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sealed_secret text,
  confirmed_at timestamptz,
  last_step bigint,
  pending_sealed_secret text,
  pending_created_at timestamptz,
  CHECK ((sealed_secret IS NULL) = (confirmed_at IS NULL)),
  CHECK ((pending_sealed_secret IS NULL) = (pending_created_at IS NULL))
);

-- Recovery codes: only their SHA-256 (they are long random strings), single use.
CREATE TABLE recovery_codes (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);

-- Logins waiting for their second step (the mfaToken of DESIGN §9): only the token secret's SHA-256.
CREATE TABLE pending_logins (
  id text PRIMARY KEY,
  secret_hash text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  transport text NOT NULL CHECK (transport IN ('cookie', 'jwt-cookie', 'bearer')),
  amr jsonb NOT NULL CHECK (jsonb_typeof(amr) = 'array'),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  failures bigint NOT NULL CHECK (failures >= 0)
);
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
  provider text NOT NULL,
  subject text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text NOT NULL,
  email_verified boolean NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (provider, subject),
  UNIQUE (user_id, provider)
);
-- Users without a password (created by a provider sign-in): NULL. (SQLite keeps '' instead, see there.)
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
`,
  },
  {
    version: 6,
    name: 'passkeys-webauthn-challenges',
    sql: `
-- A user's passkeys go with the user. One credential belongs to one account only: UNIQUE, which also
-- indexes the sign-in lookup by credential id.
CREATE TABLE passkeys (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  public_key text NOT NULL,
  sign_count bigint NOT NULL CHECK (sign_count >= 0),
  transports jsonb NOT NULL CHECK (jsonb_typeof(transports) = 'array'),
  name text NOT NULL,
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  seq bigint GENERATED ALWAYS AS IDENTITY
);
-- Listing a user's passkeys (oldest first, ties in insertion order); also serves the foreign key.
CREATE INDEX passkeys_user_id_created_at ON passkeys (user_id, created_at, seq);

-- Issued challenges, looked up only by themselves and taken once. No foreign key: a sign-in challenge
-- has no user, and a registration challenge lives 300 seconds at most.
CREATE TABLE webauthn_challenges (
  challenge text PRIMARY KEY,
  ceremony text NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
  user_id text,
  expires_at timestamptz NOT NULL
);
-- Anyone can ask for a sign-in challenge, so expired ones are swept; this keeps it a range scan.
CREATE INDEX webauthn_challenges_expires_at ON webauthn_challenges (expires_at);
`,
  },
];
