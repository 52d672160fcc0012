import { checkNewPassword } from '../password/index.js';
import { rotateSessionSecret } from '../session/index.js';
import type { SessionRecord, UserRecord } from '../store.js';
import { recordAuditEvent } from './record-audit-event.js';
import { revokeUserSessions } from './revoke-sessions.js';
import type { RequestOrigin, TesseraDeps } from './tessera-deps.js';
import { verifyUserPassword } from './verify-user-password.js';

/** A password change by a signed-in user. */
export interface ChangePasswordInput {
  user: UserRecord;
  session: SessionRecord;
  currentPassword: string;
  newPassword: string;
  origin: RequestOrigin;
}

/**
 * Changes the password after checking the current one (a wrong one counts as a failed login),
 * revokes every other session of the user, and gives the current session a new secret.
 * Resolves the current session's new token (same session id).
 *
 * @example
 * const token = await changePassword(deps, { user, session, currentPassword, newPassword, origin });
 */
export async function changePassword(deps: TesseraDeps, input: ChangePasswordInput): Promise<string> {
  const { user, session, origin } = input;
  const newPassword = checkNewPassword(input.newPassword);
  await verifyUserPassword(deps, user.email, input.currentPassword, origin);
  await deps.store.updateUserPasswordHash(user.id, await deps.passwordHasher.hash(newPassword));
  await recordAuditEvent(deps, {
    type: 'password.changed',
    userId: user.id,
    sessionId: session.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: {},
  });
  await revokeUserSessions(deps, session.id, {
    userId: user.id,
    reason: 'password-changed',
    actorSessionId: session.id,
    origin,
  });
  return rotateSessionSecret(deps, session.id);
}
