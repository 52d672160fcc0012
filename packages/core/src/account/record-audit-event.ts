import type { AuditEvent } from '../store.js';
import type { TesseraDeps } from './tessera-deps.js';

/** The facts of an audit event; id and time are filled in. */
export type AuditEventInput = Omit<AuditEvent, 'id' | 'at'>;

/**
 * Appends an event to the audit log with a random id and the injected clock's time.
 *
 * @example
 * await recordAuditEvent(deps, { type: 'logout', userId, sessionId, ip, userAgent, detail: {} });
 */
export async function recordAuditEvent(
  deps: Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes'>,
  event: AuditEventInput,
): Promise<void> {
  const id = Buffer.from(deps.randomBytes(16)).toString('base64url');
  await deps.store.insertAuditEvent({ ...event, id, at: deps.clock.now() });
}
