import type { AdminActor } from '../admin/admin-actor.js';
import type { AuditEventType, AuditStore } from '../store/audit-store.js';
import type { SessionStore } from '../store/session-store.js';
import { recordAuditEvent } from './record-audit-event.js';
import type { RequestOrigin } from './request-origin.js';
import type { RevocationReason } from './revocation-reason.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * What revoking needs; the observer is optional (tools without a server, such as the CLI, have none).
 *
 * @example
 * const deps: RevocationDeps = { store, clock: systemClock, randomBytes: cryptoRandomBytes, revocationFeed };
 * await revokeUserSessions(deps, null, { userId, reason: 'admin', actorSessionId: null, origin: null });
 */
export type RevocationDeps = Pick<TesseraDeps, 'clock' | 'randomBytes' | 'revocationFeed'> & {
  store: SessionStore & AuditStore;
} & Partial<Pick<TesseraDeps, 'observer'>>;

/**
 * Who asked for a revocation, and from where.
 *
 * @example
 * const context: RevocationContext = { userId: user.id, reason: 'device-removed', actorSessionId: session.id, origin };
 * await revokeSessions(deps, [deviceSessionId], context);
 */
export interface RevocationContext {
  userId: string;
  reason: RevocationReason;
  /** The session that made the request, if any. */
  actorSessionId: string | null;
  origin: RequestOrigin | null;
  /** An administrator acting on this user's sessions (admin API or CLI), named in the audit log. */
  admin?: AdminActor;
}

/**
 * Revokes sessions: publishes them to the revocation feed, deletes them, and records one audit
 * event per session that existed. Every revocation in Tessera goes through here.
 *
 * The feed comes first. If publishing fails (the shared log is down), nothing is deleted and the
 * caller gets `StoreUnavailableError` (503) and can retry; the other order could leave a session
 * deleted here but its access tokens still accepted elsewhere until they expire. A published
 * revocation is final: if a delete then fails, the session is published again to be refused for as
 * long as it could live (session lookups consult the revocation set), and the store's error is
 * thrown after that.
 *
 * @example
 * await revokeSessions(deps, [session.id], { userId, reason: 'logout', actorSessionId: session.id, origin });
 */
export async function revokeSessions(
  deps: RevocationDeps,
  sessionIds: readonly string[],
  context: RevocationContext,
): Promise<string[]> {
  const revokedAt = deps.clock.now();
  await deps.revocationFeed.publish(sessionIds, revokedAt);
  const revoked: string[] = [];
  const undeleted: string[] = [];
  let failure: Error | null = null;
  for (const sessionId of sessionIds) {
    try {
      if (await deps.store.deleteSession(sessionId)) revoked.push(sessionId);
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error('deleteSession failed', { cause: error });
      undeleted.push(sessionId);
    }
  }
  if (failure !== null) {
    await deps.revocationFeed.publishUndeleted(undeleted, revokedAt);
    throw failure;
  }
  await recordRevocationAudit(deps, revoked, context);
  return revoked;
}

/**
 * Revokes every session of a user except `exceptSessionId`: the ones known now are published
 * first (as in `revokeSessions`), then all are deleted in one store call, and any session created
 * in between is published too.
 *
 * @example
 * await revokeUserSessions(deps, null, { userId: user.id, reason: 'logout-all', actorSessionId, origin });
 */
export async function revokeUserSessions(
  deps: RevocationDeps,
  exceptSessionId: string | null,
  context: RevocationContext,
): Promise<string[]> {
  const known = (await deps.store.listUserSessions(context.userId))
    .map((session) => session.id)
    .filter((id) => id !== exceptSessionId);
  const revokedAt = deps.clock.now();
  await deps.revocationFeed.publish(known, revokedAt);
  let revoked: string[];
  try {
    revoked = await deps.store.deleteUserSessions(context.userId, exceptSessionId);
  } catch (error) {
    // As in `revokeSessions`: the announcement stands for as long as the sessions could live.
    await deps.revocationFeed.publishUndeleted(known, revokedAt);
    throw error;
  }
  const published = new Set(known);
  await deps.revocationFeed.publish(
    revoked.filter((id) => !published.has(id)),
    deps.clock.now(),
  );
  await recordRevocationAudit(deps, revoked, context);
  return revoked;
}

/**
 * Publishes revocations already applied in the store (sessions evicted by the cap) to the feed and
 * records them in the audit log.
 */
export async function recordRevocations(
  deps: RevocationDeps,
  sessionIds: readonly string[],
  context: RevocationContext,
): Promise<void> {
  await deps.revocationFeed.publish(sessionIds, deps.clock.now());
  await recordRevocationAudit(deps, sessionIds, context);
}

async function recordRevocationAudit(
  deps: Omit<RevocationDeps, 'revocationFeed'>,
  sessionIds: readonly string[],
  context: RevocationContext,
): Promise<void> {
  if (sessionIds.length > 0) deps.observer?.revoked(context.reason, sessionIds.length);
  const type: AuditEventType = context.reason === 'logout' ? 'logout' : 'session.revoked';
  for (const sessionId of sessionIds) {
    await recordAuditEvent(deps, {
      type,
      userId: context.userId,
      sessionId,
      ip: context.origin?.ip ?? null,
      userAgent: context.origin?.userAgent ?? null,
      detail: {
        reason: context.reason,
        actorSessionId: context.actorSessionId,
        ...(context.admin ? { via: context.admin.via, actorUserId: context.admin.userId } : {}),
      },
    });
  }
}
