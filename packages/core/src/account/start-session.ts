import { createSession, type CreatedSession } from '../session/create-session.js';
import type { AuthenticationMethod, SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { recordRevocations, revokeSessions } from './revoke-sessions.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Signs a user in on this device: revokes the session the client presented (if any, so a planted
 * session can never be upgraded: no fixation), creates a new one, and applies the session cap.
 * `amr` says how the user proved who they are (RFC 8176): a password login passes `['pwd']`, a
 * provider sign-in `['fed']`, a passkey `['hwk']` or `['swk']`, a completed second step
 * `['pwd', 'otp', 'mfa']`; the session records it with `authenticatedAt` = now.
 *
 * @example
 * const { token } = await startSession(deps, user, 'cookie', presentedSession, origin, ['pwd']);
 */
export async function startSession(
  deps: TesseraDeps,
  user: UserRecord,
  transport: SessionTransport,
  presentedSession: SessionRecord | null,
  origin: RequestOrigin,
  amr: readonly AuthenticationMethod[],
): Promise<CreatedSession> {
  if (presentedSession !== null) {
    await revokeSessions(deps, [presentedSession.id], {
      userId: presentedSession.userId,
      reason: 'new-login',
      actorSessionId: presentedSession.id,
      origin,
    });
  }
  const created = await createSession(deps, {
    userId: user.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    transport,
    amr,
  });
  await recordRevocations(deps, created.evictedSessionIds, {
    userId: user.id,
    reason: 'session-limit',
    actorSessionId: created.session.id,
    origin,
  });
  return created;
}
