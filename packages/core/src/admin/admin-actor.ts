import type { RequestOrigin } from '../account/request-origin.js';

/**
 * Who performs an administrative action, for the audit log: a signed-in administrator through the
 * admin API (`userId` and `sessionId` set), or an operator at the CLI (both `null`).
 *
 * @example
 * const actor: AdminActor = { via: 'cli', userId: null, sessionId: null, origin: null };
 * await disableUser(deps, userId, actor);
 */
export interface AdminActor {
  via: 'admin-api' | 'cli';
  userId: string | null;
  sessionId: string | null;
  /** The request's origin (admin API); `null` at the CLI. */
  origin: RequestOrigin | null;
}

/**
 * The audit `detail` fields naming the actor.
 *
 * @example
 * detail: { ...adminAuditDetail(actor), roles: 'admin' }
 */
export function adminAuditDetail(actor: AdminActor): Record<string, string | null> {
  return { via: actor.via, actorUserId: actor.userId, actorSessionId: actor.sessionId };
}
