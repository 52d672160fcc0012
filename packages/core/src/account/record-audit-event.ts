import type { AuditEvent, AuditStore } from '../store/audit-store.js';
import type { TesseraObserver } from '../observer/tessera-observer.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * The facts of an audit event; id and time are filled in.
 *
 * @example
 * const event: AuditEventInput = { type: 'logout', userId: user.id, sessionId: session.id, ip, userAgent, detail: {} };
 * await recordAuditEvent(deps, event);
 */
export type AuditEventInput = Omit<AuditEvent, 'id' | 'at'>;

/**
 * Appends an event to the audit log with a random id and the injected clock's time, and tells the
 * observer about login outcomes and reuse detections: every one of them is recorded here, so
 * metrics and the audit log cannot disagree.
 *
 * @example
 * await recordAuditEvent(deps, { type: 'logout', userId, sessionId, ip, userAgent, detail: {} });
 */
export async function recordAuditEvent(
  deps: Pick<TesseraDeps, 'clock' | 'randomBytes'> & { store: AuditStore } & Partial<
      Pick<TesseraDeps, 'observer'>
    >,
  event: AuditEventInput,
): Promise<void> {
  const id = Buffer.from(deps.randomBytes(16)).toString('base64url');
  await deps.store.insertAuditEvent({ ...event, id, at: deps.clock.now() });
  // Tools without a server (the CLI) pass no observer: nothing scrapes them.
  if (deps.observer !== undefined) observeAuditEvent(deps.observer, event);
}

function observeAuditEvent(observer: TesseraObserver, event: AuditEventInput): void {
  switch (event.type) {
    case 'login.succeeded':
      // A passkey sign-in is counted as one, not as a password login.
      if (event.detail['method'] === 'passkey') observer.passkeyCeremony('authentication', 'success');
      else observer.loginAttempted('success');
      break;
    case 'passkey.login_failed':
      observer.passkeyCeremony('authentication', 'failure');
      break;
    case 'passkey.registered':
      observer.passkeyCeremony('registration', 'success');
      break;
    case 'passkey.registration_failed':
      observer.passkeyCeremony('registration', 'failure');
      break;
    case 'login.failed':
      observer.loginAttempted('failure');
      break;
    case 'login.throttled':
      observer.loginAttempted('throttled');
      observer.rateLimited(event.detail['scope'] === 'ip' ? 'ip' : 'account');
      break;
    case 'refresh_token.reused':
      observer.refreshed('reused');
      break;
    default:
      break;
  }
}
