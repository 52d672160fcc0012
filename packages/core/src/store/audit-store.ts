/**
 * The kinds of audit events Tessera records.
 *
 * @example
 * const type: AuditEventType = 'login.failed';
 * const failures = await store.listAuditEvents({ userId: user.id, type, before: null, limit: 100 });
 */
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
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'mfa.reset'
  | 'mfa.recovery_codes_generated'
  | 'mfa.recovery_code_used'
  | 'mfa.challenged'
  | 'session.reauthenticated'
  | 'password.reset_requested'
  | 'password.reset'
  | 'email.verification_sent'
  | 'email.verified'
  | 'email.change_requested'
  | 'email.changed'
  | 'mail.failed'
  | 'identity.linked'
  | 'identity.unlinked'
  | 'passkey.registered'
  | 'passkey.registration_failed'
  | 'passkey.login_failed'
  | 'passkey.renamed'
  | 'passkey.removed';

/**
 * A security-relevant event. `detail` holds small scalar facts, never a secret.
 *
 * @example
 * const [latest]: AuditEvent[] = await store.listAuditEvents({ userId: user.id, type: null, before: null, limit: 1 });
 * if (latest !== undefined) console.log(latest.type, latest.at.toISOString(), latest.ip);
 */
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

/**
 * Filters for `listAuditEvents`; results come newest first.
 *
 * @example
 * const query: AuditQuery = { userId: null, type: 'session.revoked', before: oldestShown.at, limit: 50 };
 * const olderPage = await store.listAuditEvents(query);
 */
export interface AuditQuery {
  userId: string | null;
  type: AuditEventType | null;
  /** Only events strictly older than this instant (for paging). */
  before: Date | null;
  limit: number;
}

/**
 * The audit log.
 *
 * @example
 * const events: AuditEvent[] = [];
 * const audit: AuditStore = {
 *   insertAuditEvent: async (event) => { events.push(event); },
 *   listAuditEvents: async ({ userId, type, before, limit }) =>
 *     events
 *       .filter((e) => (userId === null || e.userId === userId) && (type === null || e.type === type) && (before === null || e.at < before))
 *       .sort((a, b) => b.at.getTime() - a.at.getTime())
 *       .slice(0, limit),
 * };
 * const store = composeStore({ base, audit });
 */
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
