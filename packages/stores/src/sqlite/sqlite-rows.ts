// The shapes of rows as SQLite returns them, and their conversion to and from Tessera records.
// Instants are INTEGER milliseconds since the epoch (see migrations.ts for why); JSON goes in TEXT.
// An invalid Date is refused with a TypeError (a caller bug) rather than stored as NULL.
import type {
  AuditEvent,
  AuditEventType,
  CounterState,
  SessionRecord,
  SessionTransport,
  UserRecord,
} from '@tessera/core';
import { checkDate } from '../lib/check-date.js';

/** A row of `users`. */
export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  roles: string;
  created_at: number;
  disabled_at: number | null;
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
    password_hash: user.passwordHash,
    roles: JSON.stringify(user.roles),
    created_at: checkDate(user.createdAt, 'insertUser: createdAt'),
    disabled_at: user.disabledAt === null ? null : checkDate(user.disabledAt, 'insertUser: disabledAt'),
  };
}

/** A row as a user. */
export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
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
