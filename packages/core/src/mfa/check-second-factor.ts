import type { RequestOrigin } from '../account/request-origin.js';
import { reserveLoginAttempt } from '../account/login-throttle.js';
import { recordAuditEvent } from '../account/record-audit-event.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { InvalidCodeError } from '../errors.js';
import { unseal } from '../secret/seal.js';
import type { UserRecord } from '../store/user-store.js';
import { hashRecoveryCode, isRecoveryCodeShaped } from './recovery-code.js';
import { findTotpStep } from './totp-code.js';

/**
 * The sealing context of a user's TOTP secret: a sealed secret moved to another user does not open.
 *
 * @example
 * seal(deps.secrets, secret, totpSealContext(user.id));
 */
export function totpSealContext(userId: string): string {
  return `totp:${userId}`;
}

/**
 * Whether the user has a confirmed TOTP factor (sign-in then needs a second step).
 *
 * @example
 * if (await hasConfirmedTotp(deps, user.id)) startSecondStep();
 */
export async function hasConfirmedTotp(deps: Pick<TesseraDeps, 'store'>, userId: string): Promise<boolean> {
  return (await deps.store.getTotpFactor(userId))?.sealedSecret != null;
}

/**
 * Checks a TOTP code against the user's confirmed secret and spends its time step (compare-and-set:
 * a code is never accepted twice, nor one older than the last accepted). Resolves whether it was accepted.
 *
 * @example
 * if (!(await acceptTotpCode(deps, user.id, code))) throw new InvalidCodeError();
 */
export async function acceptTotpCode(
  deps: Pick<TesseraDeps, 'store' | 'secrets' | 'clock'>,
  userId: string,
  code: string,
): Promise<boolean> {
  const factor = await deps.store.getTotpFactor(userId);
  if (factor?.sealedSecret == null) return false;
  const secret = unseal(deps.secrets, factor.sealedSecret, totpSealContext(userId));
  const step = findTotpStep(secret, code, deps.clock.now());
  if (step === null) return false;
  return deps.store.acceptTotpStep(userId, factor.sealedSecret, step);
}

/**
 * Spends one of the user's recovery codes. Resolves whether it was one (single use).
 *
 * @example
 * if (!(await acceptRecoveryCode(deps, user.id, recoveryCode))) throw new InvalidCodeError();
 */
export async function acceptRecoveryCode(
  deps: Pick<TesseraDeps, 'store'>,
  userId: string,
  code: string,
): Promise<boolean> {
  if (!isRecoveryCodeShaped(code)) return false;
  return deps.store.useRecoveryCode(userId, hashRecoveryCode(code));
}

/** Which second factor a code is for. */
export type SecondFactorKind = 'totp' | 'recovery_code';

/**
 * Checks a second-factor code under the login throttle (DESIGN §9: a wrong code counts as a failed
 * login; a throttled client gets `RateLimitedError` before any check). A wrong code throws
 * `InvalidCodeError` and is audited; a right one resets the account's failure counter, as a
 * completed sign-in does.
 *
 * @example
 * await checkCodeUnderThrottle(deps, user, origin, 'totp', code);
 */
export async function checkCodeUnderThrottle(
  deps: TesseraDeps,
  user: UserRecord,
  origin: RequestOrigin,
  kind: SecondFactorKind,
  code: string,
  onWrongCode: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const attempt = await reserveLoginAttempt(deps, user.email, origin.ip);
  let accepted: boolean;
  try {
    accepted =
      kind === 'totp'
        ? await acceptTotpCode(deps, user.id, code)
        : await acceptRecoveryCode(deps, user.id, code);
  } catch (error) {
    await attempt.release().catch(() => undefined);
    throw error;
  }
  if (!accepted) {
    await attempt.fail();
    await onWrongCode();
    deps.observer.secondFactorChecked?.(kind, 'failure');
    await recordAuditEvent(deps, {
      type: 'login.failed',
      userId: user.id,
      sessionId: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      detail: { knownAccount: true, factor: kind },
    });
    throw new InvalidCodeError();
  }
  await attempt.succeed();
  deps.observer.secondFactorChecked?.(kind, 'success');
  if (kind === 'recovery_code') {
    await recordAuditEvent(deps, {
      type: 'mfa.recovery_code_used',
      userId: user.id,
      sessionId: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      detail: { left: await deps.store.countRecoveryCodes(user.id) },
    });
  }
}
