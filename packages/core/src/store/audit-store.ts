/** The kinds of audit events Tessera records. */
export type AuditEventType =
  | 'user.registered'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'session.revoked'
  | 'sessions.revoked'
  | 'password.changed'
  | 'password.rehashed'
  | 'refresh_token.reused'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.roles_changed'
  | 'users.imported'
  | 'passkey.registered'
  | 'passkey.registration_failed'
  | 'passkey.login_failed'
  | 'passkey.renamed'
  | 'passkey.removed';

/** A security-relevant event. `detail` holds small scalar facts, never a secret. */
export interface AuditEvent {
  id: string;
  type: AuditEventType;
  at: Date;
  userId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, string | number | boolean | null>;
}

/** Filters for `listAuditEvents`; results come newest first. */
export interface AuditQuery {
  userId: string | null;
  type: AuditEventType | null;
  /** Only events strictly older than this instant (for paging). */
  before: Date | null;
  limit: number;
}

/** The audit log. */
export interface AuditStore {
  insertAuditEvent(event: AuditEvent): Promise<void>;
  listAuditEvents(query: AuditQuery): Promise<AuditEvent[]>;
}

/**
 * The method names of `AuditStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(auditStoreMethods); // ['insertAuditEvent', …]
 */
export const auditStoreMethods = {
  insertAuditEvent: true,
  listAuditEvents: true,
} as const satisfies Record<keyof AuditStore, true>;
