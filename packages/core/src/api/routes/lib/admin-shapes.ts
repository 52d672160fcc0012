import { sessionExpiresAt } from '../../../session/session-expiry.js';
import type { AuditEvent, SessionRecord, UserRecord } from '../../../store.js';

/** `AdminUser` of Contract B: never the password hash. */
export function toAdminUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
    disabledAt: user.disabledAt === null ? null : user.disabledAt.toISOString(),
    emailVerified: user.emailVerified,
  };
}

/** `AdminSession` of Contract B. */
export function toAdminSession(session: SessionRecord) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: sessionExpiresAt(session).toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    transport: session.transport,
  };
}

/** `AuditEvent` of Contract B. */
export function toAdminAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    type: event.type,
    at: event.at.toISOString(),
    userId: event.userId,
    sessionId: event.sessionId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: event.detail,
  };
}
