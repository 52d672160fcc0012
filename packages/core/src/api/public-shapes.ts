import { sessionExpiresAt } from '../session/session-expiry.js';
import type { SessionRecord, UserRecord } from '../store.js';

/** `user` as the API shows it (DESIGN §3.1): never the password hash. */
export function toPublicUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
    emailVerified: user.emailVerified,
  };
}

/** `session` as the API shows it (DESIGN §3.1). `expiresAt` is the earlier of idle and absolute expiry. */
export function toPublicSession(session: SessionRecord) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: sessionExpiresAt(session).toISOString(),
    transport: session.transport,
    authenticatedAt: session.authenticatedAt.toISOString(),
    amr: [...session.amr],
  };
}

/**
 * One row of `GET /auth/sessions`: the device list, exactly the fields of DESIGN §3 (how a device
 * signed in is shown on that device's own `session`, not to the others).
 */
export function toPublicDevice(session: SessionRecord, currentSessionId: string) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: sessionExpiresAt(session).toISOString(),
    transport: session.transport,
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentSessionId,
  };
}
