import type { AuditEventType } from '../store.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin, TesseraDeps } from './tessera-deps.js';

/** Why sessions were revoked; recorded in the audit log. */
export type RevocationReason =
  | 'logout'
  | 'logout-all'
  | 'device-removed'
  | 'password-changed'
  | 'session-limit'
  | 'new-login'
  | 'refresh-token-reused';

/** Who asked for a revocation, and from where. */
export interface RevocationContext {
  userId: string;
  reason: RevocationReason;
  /** The session that made the request, if any. */
  actorSessionId: string | null;
  origin: RequestOrigin | null;
}

/**
 * Deletes the given sessions and records one audit event per session that existed.
 * Every revocation in Tessera goes through here, so there is one place that tells the world.
 *
 * @example
 * await revokeSessions(deps, [session.id], { userId, reason: 'logout', actorSessionId: session.id, origin });
 */
export async function revokeSessions(
  deps: Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes' | 'revocationFeed'>,
  sessionIds: readonly string[],
  context: RevocationContext,
): Promise<string[]> {
  const revoked: string[] = [];
  for (const sessionId of sessionIds) {
    if (await deps.store.deleteSession(sessionId)) revoked.push(sessionId);
  }
  await recordRevocations(deps, revoked, context);
  return revoked;
}

/**
 * Revokes every session of a user except `exceptSessionId`, atomically in the store.
 *
 * @example
 * await revokeUserSessions(deps, user.id, null, { userId: user.id, reason: 'logout-all', ... });
 */
export async function revokeUserSessions(
  deps: Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes' | 'revocationFeed'>,
  exceptSessionId: string | null,
  context: RevocationContext,
): Promise<string[]> {
  const revoked = await deps.store.deleteUserSessions(context.userId, exceptSessionId);
  await recordRevocations(deps, revoked, context);
  return revoked;
}

/**
 * Publishes revocations already applied in the store (e.g. by the session cap) to the revocation
 * feed, so every verifier refuses their access tokens at once, and records them in the audit log.
 */
export async function recordRevocations(
  deps: Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes' | 'revocationFeed'>,
  sessionIds: readonly string[],
  context: RevocationContext,
): Promise<void> {
  await deps.revocationFeed.publish(sessionIds, deps.clock.now());
  const type: AuditEventType = context.reason === 'logout' ? 'logout' : 'session.revoked';
  for (const sessionId of sessionIds) {
    await recordAuditEvent(deps, {
      type,
      userId: context.userId,
      sessionId,
      ip: context.origin?.ip ?? null,
      userAgent: context.origin?.userAgent ?? null,
      detail: { reason: context.reason, actorSessionId: context.actorSessionId },
    });
  }
}
