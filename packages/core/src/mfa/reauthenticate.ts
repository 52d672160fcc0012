import { recordAuditEvent } from '../account/record-audit-event.js';
import type { RequestOrigin } from '../account/request-origin.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { verifyUserPassword } from '../account/verify-user-password.js';
import type { AuthenticationMethod, SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { checkCodeUnderThrottle } from './check-second-factor.js';

/**
 * A reauthentication: the signed-in user proves it is them again, with one of the two.
 *
 * @example
 * const input: ReauthenticateInput = { user, session, password: null, code: '123456', origin };
 * const refreshed = await reauthenticate(deps, input);
 */
export interface ReauthenticateInput {
  user: UserRecord;
  session: SessionRecord;
  /** Exactly one of `password` and `code` (a TOTP code) is non-null. */
  password: string | null;
  code: string | null;
  origin: RequestOrigin;
}

/**
 * Records a fresh authentication on the current session (DESIGN §9): `authenticatedAt` becomes now
 * and the method joins the session's `amr`. A wrong password throws `InvalidCredentialsError`, a
 * wrong code `InvalidCodeError`; both count as failed logins. Every instance forgets its cached copy
 * of the session (a `session-changed` feed entry). Resolves the updated session.
 *
 * @example
 * const session = await reauthenticate(deps, { user, session, password, code: null, origin });
 */
export async function reauthenticate(deps: TesseraDeps, input: ReauthenticateInput): Promise<SessionRecord> {
  const { user, session, origin } = input;
  let method: AuthenticationMethod;
  if (input.password !== null) {
    await verifyUserPassword(deps, user.email, input.password, origin);
    method = 'pwd';
  } else {
    await checkCodeUnderThrottle(deps, user, origin, 'totp', input.code ?? '');
    method = 'otp';
  }
  const now = deps.clock.now();
  const amr = session.amr.includes(method) ? [...session.amr] : [...session.amr, method];
  await deps.store.updateSessionAuthentication(session.id, now, amr);
  await deps.revocationFeed.publishSessionsChanged([session.id], now);
  await recordAuditEvent(deps, {
    type: 'session.reauthenticated',
    userId: user.id,
    sessionId: session.id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { method },
  });
  return { ...session, authenticatedAt: now, amr };
}
