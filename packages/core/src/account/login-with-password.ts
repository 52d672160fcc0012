import type { CreatedSession } from '../session/create-session.js';
import type { SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { EmailNotVerifiedError } from '../errors.js';
import { mailVerificationLink } from './mail-verification-link.js';
import { normalizeEmail } from './normalize-email.js';
import { recordAuditEvent } from './record-audit-event.js';
import { recordLogin } from './register-user.js';
import { startSession } from './start-session.js';
import type { RequestOrigin } from './request-origin.js';
import type { TesseraDeps } from './tessera-deps.js';
import { requireSecondStepIfEnrolled } from '../mfa/two-step-login.js';
import { verifyPasswordFirstFactor } from './verify-user-password.js';

/**
 * A login as the client sent it (already type-checked as strings).
 *
 * @example
 * const input: LoginInput = { email, password, transport: 'bearer', presentedSession: null, origin };
 * const { user, session, refreshToken } = await loginWithPassword(deps, input);
 */
export interface LoginInput {
  email: string;
  password: string;
  transport: SessionTransport;
  /** The valid session the client presented, if any: it is revoked and replaced. */
  presentedSession: SessionRecord | null;
  origin: RequestOrigin;
}

/**
 * Signs a user in with email and password and creates a new session.
 * Throws `InvalidCredentialsError` (same for unknown email and wrong password) or `RateLimitedError`;
 * with `TESSERA_EMAIL_VERIFICATION=required`, `EmailNotVerifiedError` for the right password of an
 * unverified account (and a fresh link is mailed); `MfaRequiredError` (no session) when the user has
 * a second factor.
 *
 * @example
 * const { user, token } = await loginWithPassword(deps, { email, password, transport: 'cookie', presentedSession: null, origin });
 */
export async function loginWithPassword(
  deps: TesseraDeps,
  input: LoginInput,
): Promise<CreatedSession & { user: UserRecord }> {
  // An address we would never have registered is looked up (and throttled) as typed, so it
  // fails exactly like an unknown account.
  const email = normalizeEmail(input.email) ?? input.email;
  const { user, secondStepRequired } = await verifyPasswordFirstFactor(
    deps,
    email,
    input.password,
    input.origin,
  );
  if (deps.email.policy.verification === 'required' && !user.emailVerified) {
    // The right password of an unverified account: a fresh link (within the message limit), so a
    // user whose link expired is never stuck (DESIGN §7).
    const sent = await mailVerificationLink(deps, user, { wait: false });
    await recordAuditEvent(deps, {
      type: 'email.verification_sent',
      userId: user.id,
      sessionId: null,
      ip: input.origin.ip,
      userAgent: input.origin.userAgent,
      detail: { sent, via: 'login' },
    });
    throw new EmailNotVerifiedError();
  }
  // A user with a second factor gets no session yet: 401 mfa_required with an mfaToken (DESIGN §9).
  if (secondStepRequired)
    await requireSecondStepIfEnrolled(deps, user, input.transport, ['pwd'], input.origin);
  const created = await startSession(deps, user, input.transport, input.presentedSession, input.origin, [
    'pwd',
  ]);
  await recordLogin(deps, user, created.session, input.origin);
  return { ...created, user };
}
