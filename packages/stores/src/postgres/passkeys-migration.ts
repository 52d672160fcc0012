import type { PostgresMigration } from './migrations.js';

/**
 * Migration 6: passkeys and the WebAuthn challenges waiting for their answer (DESIGN §9), the same
 * tables as SQLite's migration 6 in PostgreSQL's types.
 *
 * @example
 * passkeysMigration.version; // 6
 */
export const passkeysMigration: PostgresMigration = {
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
};
