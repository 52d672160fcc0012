import { recordAuditEvent } from '../account/record-audit-event.js';
import { recordLogin } from '../account/register-user.js';
import type { RequestOrigin } from '../account/request-origin.js';
import { startSession } from '../account/start-session.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { MFA_TOKEN_MAX_FAILURES, MFA_TOKEN_TTL_SECONDS } from '../defaults.js';
import { InvalidMfaTokenError, MfaRequiredError } from '../errors.js';
import type { CreatedSession } from '../session/create-session.js';
import { addSeconds } from '../session/session-expiry.js';
import {
  generateSessionToken,
  hashTokenSecret,
  parseSessionToken,
  secretHashesMatch,
} from '../session/session-token.js';
import type { AuthenticationMethod, SessionRecord, SessionTransport } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { checkCodeUnderThrottle, hasConfirmedTotp } from './check-second-factor.js';

/**
 * The second factors a pending login can be completed with (`methods` of the 401 `mfa_required`).
 *
 * @example
 * new MfaRequiredError(token, SECOND_STEP_METHODS);
 */
export const SECOND_STEP_METHODS: readonly string[] = Object.freeze(['totp', 'recovery_code']);

/**
 * The gate every sign-in method passes through before it creates a session (DESIGN §9): when the
 * user has a second factor, no session is created; a pending login (single use, 300 s, 5 tries) is
 * stored instead and `MfaRequiredError` is thrown, carrying its `mfaToken`. `amr` is what the first
 * step proved (`['pwd']`, or `['fed']` for a provider sign-in); `transport` is the one the session
 * will get. Resolves when no second step is needed.
 *
 * @example
 * await requireSecondStepIfEnrolled(deps, user, 'cookie', ['fed'], origin); // throws MfaRequiredError with TOTP on
 */
export async function requireSecondStepIfEnrolled(
  deps: TesseraDeps,
  user: UserRecord,
  transport: SessionTransport,
  amr: readonly AuthenticationMethod[],
  origin: RequestOrigin,
): Promise<void> {
  if (!(await hasConfirmedTotp(deps, user.id))) return;
  const now = deps.clock.now();
  const { token, sessionId: id, secretHash } = generateSessionToken(deps.randomBytes);
  await deps.store.insertPendingLogin({
    id,
    secretHash,
    userId: user.id,
    transport,
    amr: [...amr],
    createdAt: now,
    expiresAt: addSeconds(now, MFA_TOKEN_TTL_SECONDS),
    failures: 0,
  });
  await recordAuditEvent(deps, {
    type: 'mfa.challenged',
    userId: user.id,
    sessionId: null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    detail: { transport },
  });
  throw new MfaRequiredError(token, SECOND_STEP_METHODS);
}

/**
 * The second step of a login, as the client sent it.
 *
 * @example
 * const input: CompleteMfaLoginInput = { mfaToken, code: null, recoveryCode, presentedSession: null, origin };
 * const { session, token } = await completeMfaLogin(deps, input);
 */
export interface CompleteMfaLoginInput {
  mfaToken: string;
  /** Exactly one of `code` (TOTP) and `recoveryCode` is non-null. */
  code: string | null;
  recoveryCode: string | null;
  /** The valid session the client presented, if any: it is revoked and replaced, as at login. */
  presentedSession: SessionRecord | null;
  origin: RequestOrigin;
}

/**
 * Completes a two-step login (DESIGN §9): checks the `mfaToken` (unknown, expired, used or spent →
 * `InvalidMfaTokenError`), then the code under the login throttle (wrong → `InvalidCodeError`,
 * counted; the 5th wrong code kills the token), then spends the token (single use) and creates the
 * session in the transport asked for at step one, with `amr` = first step + `otp` + `mfa`.
 *
 * @example
 * const { user, session, token } = await completeMfaLogin(deps, { mfaToken, code, recoveryCode: null, presentedSession: null, origin });
 */
export async function completeMfaLogin(
  deps: TesseraDeps,
  input: CompleteMfaLoginInput,
): Promise<CreatedSession & { user: UserRecord }> {
  const parsed = parseSessionToken(input.mfaToken);
  if (parsed === null) throw new InvalidMfaTokenError();
  const pending = await deps.store.getPendingLogin(parsed.sessionId);
  const now = deps.clock.now();
  if (
    pending === null ||
    !secretHashesMatch(pending.secretHash, hashTokenSecret(parsed.secret)) ||
    pending.expiresAt.getTime() <= now.getTime() ||
    pending.failures >= MFA_TOKEN_MAX_FAILURES
  ) {
    throw new InvalidMfaTokenError();
  }
  const user = await deps.store.getUserById(pending.userId);
  if (user === null || user.disabledAt !== null) {
    await deps.store.deletePendingLogin(pending.id);
    throw new InvalidMfaTokenError();
  }
  const kind = input.code !== null ? 'totp' : 'recovery_code';
  await checkCodeUnderThrottle(
    deps,
    user,
    input.origin,
    kind,
    input.code ?? input.recoveryCode ?? '',
    async () => {
      await deps.store.recordPendingLoginFailure(pending.id, MFA_TOKEN_MAX_FAILURES);
    },
  );
  // Single use: of two completions racing with two good codes, one creates the session.
  if (!(await deps.store.deletePendingLogin(pending.id))) throw new InvalidMfaTokenError();
  const amr: AuthenticationMethod[] = [...pending.amr];
  for (const method of ['otp', 'mfa'] as const) if (!amr.includes(method)) amr.push(method);
  const created = await startSession(
    deps,
    user,
    pending.transport,
    input.presentedSession,
    input.origin,
    amr,
  );
  await recordLogin(deps, user, created.session, input.origin);
  return { ...created, user };
}
