import { checkNewPassword } from '../password/check-new-password.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { mailNotice } from './mail-verification-link.js';
import { recordAuditEvent } from './record-audit-event.js';
import { resetRefreshChain } from './reset-refresh-chain.js';
import { revokeUserSessions } from './revoke-sessions.js';
import { rotateSessionCookieSecret } from './rotate-session-cookie-secret.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';
import { verifyUserPassword } from './verify-user-password.js';

/**
 * A password change by a signed-in user.
 *
 * @example
 * const input: ChangePasswordInput = { user, session, currentPassword, newPassword, origin };
 * const { sessionToken } = await changePassword(deps, input);
 */
export interface ChangePasswordInput {
  user: UserRecord;
  session: SessionRecord;
  currentPassword: string;
  newPassword: string;
  origin: RequestOrigin;
}

/**
 * The current session's new credentials after a password change (same session id).
 *
 * @example
 * const changed: ChangedPassword = await changePassword(deps, { user, session, currentPassword, newPassword, origin });
 * // Every other session is gone; this device stays signed in with changed.sessionToken.
 */
export interface ChangedPassword {
  /** The session token with its new secret. */
  sessionToken: string;
  /** The first token of a new refresh chain, when the session has one (jwt cookie mode, bearer). */
  refreshToken: string | null;
}

/**
 * Changes the password after checking the current one (a wrong one counts as a failed login),
 * revokes every other session of the user, and gives the current session a new secret and, if it
 * has one, a new refresh chain: a refresh token stolen before the change dies with it, whichever
 * transport the session uses (docs/decisions/0021-password-change-bearer.md).
 *
 * @example
 * const { sessionToken, refreshToken } = await changePassword(deps, { user, session, currentPassword, newPassword, origin });
 */
export async function changePassword(
  deps: TesseraDeps,
  input: ChangePasswordInput,
): Promise<ChangedPassword> {
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
  await mailNotice(deps, 'password-changed', user);
  const refreshToken = session.refreshTokenHash === null ? null : await resetRefreshChain(deps, session);
  // Through the feed (`session-changed`): a session cache holding the old secret would otherwise
  // keep accepting the old token, the one a password change is often meant to shut out.
  return { sessionToken: await rotateSessionCookieSecret(deps, session.id), refreshToken };
}
