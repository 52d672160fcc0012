import type { SqliteMigration } from './migrations.js';

/**
 * Migration 6: passkeys and the WebAuthn challenges waiting for their answer (DESIGN §9).
 *
 * @example
 * passkeysMigration.version; // 6
 */
export const passkeysMigration: SqliteMigration = {
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
};
