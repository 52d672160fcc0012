// The shapes of rows as SQLite returns them, and their conversion to and from Tessera records.
// Instants are INTEGER milliseconds since the epoch (see migrations.ts for why); JSON goes in TEXT.
// An invalid Date is refused with a TypeError (a caller bug) rather than stored as NULL.
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
import { checkDate } from '../lib/check-date.js';
import { checkEmailVerified } from '../lib/check-email-verified.js';
import { checkRefreshChainState } from '../lib/check-refresh-chain-state.js';
import { checkSigningKey } from '../lib/check-signing-key.js';
import { formatRevocationCursor } from '../lib/format-revocation-cursor.js';

/** A row of `users`. */
export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  roles: string;
  created_at: number;
  disabled_at: number | null;
  email_verified: number;
}

/** A row of `sessions`. */
export interface SessionRow {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  idle_expires_at: number;
  absolute_expires_at: number;
  ip: string | null;
  user_agent: string | null;
  transport: string;
  refresh_token_hash: string | null;
  previous_refresh_token_hash: string | null;
  refresh_rotated_at: number | null;
  refresh_generation: number;
  authenticated_at: number;
  amr: string;
}

/** A row of `signing_keys`. */
export interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: string | null;
  private_jwk_ciphertext: string;
  created_at: number;
  activates_at: number;
  retired_at: number | null;
  expires_at: number | null;
}

/** A row of `revocations`, as inserted (the cursor is assigned by SQLite). */
export interface RevocationInsertRow {
  session_id: string;
  revoked_at: number;
  expires_at: number;
}

/** A row of `revocations`. */
export interface RevocationRow extends RevocationInsertRow {
  cursor: number;
}

/** The columns of `counters` that callers see. */
export interface CounterRow {
  count: number;
  expires_at: number;
}

/** A row of `audit_events`. */
export interface AuditEventRow {
  id: string;
  type: string;
  at: number;
  user_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string;
}

/** A user as a row. */
export function userToRow(user: UserRecord): UserRow {
  return {
    id: user.id,
    email: user.email,
    // '' is "no password" (migration 5): the column is NOT NULL in SQLite.
    password_hash: user.passwordHash ?? '',
    roles: JSON.stringify(user.roles),
    created_at: checkDate(user.createdAt, 'insertUser: createdAt'),
    disabled_at: user.disabledAt === null ? null : checkDate(user.disabledAt, 'insertUser: disabledAt'),
    email_verified: checkEmailVerified(user.emailVerified) ? 1 : 0,
  };
}

/** A row as a user. */
export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash === '' ? null : row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
    emailVerified: row.email_verified === 1,
  };
}

/** A session as a row. */
export function sessionToRow(session: SessionRecord): SessionRow {
  return {
    id: session.id,
    secret_hash: session.secretHash,
    user_id: session.userId,
    created_at: checkDate(session.createdAt, 'insertSession: createdAt'),
    last_seen_at: checkDate(session.lastSeenAt, 'insertSession: lastSeenAt'),
    idle_expires_at: checkDate(session.idleExpiresAt, 'insertSession: idleExpiresAt'),
    absolute_expires_at: checkDate(session.absoluteExpiresAt, 'insertSession: absoluteExpiresAt'),
    ip: session.ip,
    user_agent: session.userAgent,
    transport: session.transport,
    refresh_token_hash: session.refreshTokenHash,
    previous_refresh_token_hash: session.previousRefreshTokenHash,
    refresh_rotated_at: checkRefreshChainState(session, 'insertSession').refreshRotatedAtMillis,
    refresh_generation: session.refreshGeneration,
    authenticated_at: checkDate(session.authenticatedAt, 'insertSession: authenticatedAt'),
    amr: JSON.stringify(checkAmr(session.amr, 'insertSession')),
  };
}

/** A row as a session. */
export function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    idleExpiresAt: new Date(row.idle_expires_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
    // The CHECK constraint on the column admits only the three transports.
    transport: row.transport as SessionTransport,
    refreshTokenHash: row.refresh_token_hash,
    previousRefreshTokenHash: row.previous_refresh_token_hash,
    refreshRotatedAt: row.refresh_rotated_at === null ? null : new Date(row.refresh_rotated_at),
    refreshGeneration: row.refresh_generation,
    authenticatedAt: new Date(row.authenticated_at),
    // The CHECK constraint admits only a JSON array; only checked lists are written.
    amr: JSON.parse(row.amr) as AuthenticationMethod[],
  };
}

/** A row as counter state. */
export function counterFromRow(row: CounterRow): CounterState {
  return { count: row.count, expiresAt: new Date(row.expires_at) };
}

/** An audit event as a row. */
export function auditEventToRow(event: AuditEvent): AuditEventRow {
  return {
    id: event.id,
    type: event.type,
    at: checkDate(event.at, 'insertAuditEvent: at'),
    user_id: event.userId,
    session_id: event.sessionId,
    ip: event.ip,
    user_agent: event.userAgent,
    detail: JSON.stringify(event.detail),
  };
}

/** A row as an audit event. */
export function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    // Written only by insertAuditEvent from a typed event.
    type: row.type as AuditEventType,
    at: new Date(row.at),
    userId: row.user_id,
    sessionId: row.session_id,
    ip: row.ip,
    userAgent: row.user_agent,
    detail: JSON.parse(row.detail) as AuditEvent['detail'],
  };
}

/** A signing key as a row; throws `TypeError` for an invalid key (see `checkSigningKey`). */
export function signingKeyToRow(key: SigningKeyRecord): SigningKeyRow {
  const millis = checkSigningKey(key, 'insertSigningKey');
  return {
    kid: key.kid,
    alg: key.alg,
    public_jwk: key.publicJwk,
    private_jwk_ciphertext: key.privateJwkCiphertext,
    created_at: millis.createdAtMillis,
    activates_at: millis.activatesAtMillis,
    retired_at: millis.retiredAtMillis,
    expires_at: millis.expiresAtMillis,
  };
}

/** A row as a signing key. */
export function signingKeyFromRow(row: SigningKeyRow): SigningKeyRecord {
  return {
    kid: row.kid,
    // The CHECK constraint on the column admits only the four algorithms.
    alg: row.alg as SigningAlgorithm,
    publicJwk: row.public_jwk,
    privateJwkCiphertext: row.private_jwk_ciphertext,
    createdAt: new Date(row.created_at),
    activatesAt: new Date(row.activates_at),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  };
}

/** A revocation to append, as a row. */
export function revocationToRow(entry: Omit<RevocationEntry, 'cursor'>): RevocationInsertRow {
  return {
    session_id: entry.sessionId,
    revoked_at: checkDate(entry.revokedAt, 'appendRevocations: revokedAt'),
    expires_at: checkDate(entry.expiresAt, 'appendRevocations: expiresAt'),
  };
}

/** A row as a revocation entry. */
export function revocationFromRow(row: RevocationRow): RevocationEntry {
  return {
    cursor: formatRevocationCursor(row.cursor),
    sessionId: row.session_id,
    revokedAt: new Date(row.revoked_at),
    expiresAt: new Date(row.expires_at),
  };
}
