// The shapes of rows as the `pg` driver returns them from our queries, and the conversion of Tessera
// records to and from them. Instants are `timestamptz`, read as `Date`s and bound as UTC strings (see
// format-timestamp.ts); `bigint` columns are read as numbers (see the type parsers in
// open-postgres-store.ts); `jsonb` is parsed by the driver; `public_jwk` (json) is selected as text.
// Validation is the same as the other stores': an invalid record is a caller bug and throws `TypeError`.
import type {
  AuthenticationMethod,
  AuditEvent,
  AuditEventType,
  CounterState,
  RevocationEntry,
  SessionRecord,
  SessionTransport,
  SigningAlgorithm,
  SigningKeyRecord,
  UserRecord,
} from '@tessera/core/store';
import { checkAmr } from '../lib/check-amr.js';
import { checkEmailVerified } from '../lib/check-email-verified.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';
import { formatTimestamp } from './format-timestamp.js';

/** A row of `users`. */
export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  roles: string[];
  created_at: Date;
  disabled_at: Date | null;
  email_verified: boolean;
}

/** A row of `sessions`. */
export interface SessionRow {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  transport: string;
  refresh_token_hash: string | null;
  previous_refresh_token_hash: string | null;
  refresh_rotated_at: Date | null;
  refresh_generation: number;
  authenticated_at: Date;
  amr: AuthenticationMethod[];
}

/** A row of `signing_keys`. */
export interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: string | null;
  private_jwk_ciphertext: string;
  created_at: Date;
  activates_at: Date;
  retired_at: Date | null;
  expires_at: Date | null;
}

/** A row of `revocations`. */
export interface RevocationRow {
  cursor: number;
  session_id: string;
  revoked_at: Date;
  expires_at: Date;
}

/** The columns of `counters` that callers see. */
export interface CounterRow {
  count: number;
  expires_at: Date;
}

/** A row of `audit_events`. */
export interface AuditEventRow {
  id: string;
  type: string;
  at: Date;
  user_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: AuditEvent['detail'];
}

/** A user as bound values, in `userColumns` order. */
export function userToValues(user: UserRecord): unknown[] {
  return [
    user.id,
    user.email,
    user.passwordHash,
    // Bound as JSON text: the driver would send a JavaScript array as a PostgreSQL array, not jsonb.
    JSON.stringify(user.roles),
    formatTimestamp(user.createdAt, 'insertUser: createdAt'),
    user.disabledAt === null ? null : formatTimestamp(user.disabledAt, 'insertUser: disabledAt'),
    checkEmailVerified(user.emailVerified),
  ];
}

/** A row as a user. */
export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    roles: row.roles,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    emailVerified: row.email_verified,
  };
}

/** A session as bound values, in `sessionColumns` order. */
export function sessionToValues(session: SessionRecord): unknown[] {
  checkRefreshChainState(session, 'insertSession');
  return [
    session.id,
    session.secretHash,
    session.userId,
    formatTimestamp(session.createdAt, 'insertSession: createdAt'),
    formatTimestamp(session.lastSeenAt, 'insertSession: lastSeenAt'),
    formatTimestamp(session.idleExpiresAt, 'insertSession: idleExpiresAt'),
    formatTimestamp(session.absoluteExpiresAt, 'insertSession: absoluteExpiresAt'),
    session.ip,
    session.userAgent,
    session.transport,
    session.refreshTokenHash,
    session.previousRefreshTokenHash,
    session.refreshRotatedAt === null
      ? null
      : formatTimestamp(session.refreshRotatedAt, 'insertSession: refreshRotatedAt'),
    session.refreshGeneration,
    formatTimestamp(session.authenticatedAt, 'insertSession: authenticatedAt'),
    JSON.stringify(checkAmr(session.amr, 'insertSession')),
  ];
}

/** A row as a session. */
export function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
    // The CHECK constraint on the column admits only the three transports.
    transport: row.transport as SessionTransport,
    refreshTokenHash: row.refresh_token_hash,
    previousRefreshTokenHash: row.previous_refresh_token_hash,
    refreshRotatedAt: row.refresh_rotated_at,
    refreshGeneration: row.refresh_generation,
    authenticatedAt: row.authenticated_at,
    amr: row.amr,
  };
}

/** A row as counter state. */
export function counterFromRow(row: CounterRow): CounterState {
  return { count: row.count, expiresAt: row.expires_at };
}

/** An audit event as bound values, in `auditEventColumns` order. */
export function auditEventToValues(event: AuditEvent): unknown[] {
  return [
    event.id,
    event.type,
    formatTimestamp(event.at, 'insertAuditEvent: at'),
    event.userId,
    event.sessionId,
    event.ip,
    event.userAgent,
    JSON.stringify(event.detail),
  ];
}

/** A row as an audit event. */
export function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    // Written only by insertAuditEvent from a typed event.
    type: row.type as AuditEventType,
    at: row.at,
    userId: row.user_id,
    sessionId: row.session_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: row.detail,
  };
}

/** A signing key as bound values, in `signingKeyColumns` order; throws `TypeError` for an invalid key. */
export function signingKeyToValues(key: SigningKeyRecord): unknown[] {
  checkSigningKey(key, 'insertSigningKey');
  return [
    key.kid,
    key.alg,
    key.publicJwk,
    key.privateJwkCiphertext,
    formatTimestamp(key.createdAt, 'insertSigningKey: createdAt'),
    formatTimestamp(key.activatesAt, 'insertSigningKey: activatesAt'),
    key.retiredAt === null ? null : formatTimestamp(key.retiredAt, 'insertSigningKey: retiredAt'),
    key.expiresAt === null ? null : formatTimestamp(key.expiresAt, 'insertSigningKey: expiresAt'),
  ];
}

/** A row as a signing key. */
export function signingKeyFromRow(row: SigningKeyRow): SigningKeyRecord {
  return {
    kid: row.kid,
    // The CHECK constraint on the column admits only the four algorithms.
    alg: row.alg as SigningAlgorithm,
    publicJwk: row.public_jwk,
    privateJwkCiphertext: row.private_jwk_ciphertext,
    createdAt: row.created_at,
    activatesAt: row.activates_at,
    retiredAt: row.retired_at,
    expiresAt: row.expires_at,
  };
}

/** A revocation to append, as bound values: session id, revokedAt, expiresAt. */
export function revocationToValues(entry: Omit<RevocationEntry, 'cursor'>): unknown[] {
  return [
    entry.sessionId,
    formatTimestamp(entry.revokedAt, 'appendRevocations: revokedAt'),
    formatTimestamp(entry.expiresAt, 'appendRevocations: expiresAt'),
  ];
}

/** A row as a revocation entry. */
export function revocationFromRow(row: RevocationRow): RevocationEntry {
  return {
    cursor: formatRevocationCursor(row.cursor),
    sessionId: row.session_id,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}
