import type { RequestOrigin } from '../account/request-origin.js';
import { adminAuditDetail, type AdminActor } from '../admin/admin-actor.js';
import { recordAuditEvent } from '../account/record-audit-event.js';
import { revokeUserSessions, type RevocationDeps } from '../account/revoke-sessions.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { RECOVERY_CODE_COUNT } from '../defaults.js';
import { InvalidEnrolmentCodeError, InvalidRequestError } from '../errors.js';
import { seal, unseal } from '../secret/seal.js';
import type { SecondFactorStore } from '../store/second-factor-store.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import { assertRecentAuthentication } from './assert-recent-authentication.js';
import { totpSealContext } from './check-second-factor.js';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-code.js';
import { buildOtpauthUrl, findTotpStep, generateTotpSecret } from './totp-code.js';

/**
 * Who changes their factors, from where (for the audit log).
 *
 * @example
 * const change: FactorChange = { user, sessionId: session.id, origin };
 * const removed = await removeTotp(deps, change);
 */
export interface FactorChange {
  user: UserRecord;
  sessionId: string | null;
  /** `null` at the CLI. */
  origin: RequestOrigin | null;
}

/**
 * A new, unconfirmed authenticator: shown once to the user, sealed in the store.
 *
 * @example
 * const enrolment: TotpEnrolment = await startTotpEnrolment(deps, user);
 * showQrCode(enrolment.otpauthUrl); // and enrolment.secret, for typing in
 */
export interface TotpEnrolment {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** `otpauth://totp/…`, for its QR code. */
  otpauthUrl: string;
}

/**
 * Starts (or restarts) a TOTP enrolment: a new secret, sealed at rest as pending. A confirmed
 * authenticator stays in force until the new one is confirmed (DESIGN §9).
 *
 * @example
 * const { secret, otpauthUrl } = await startTotpEnrolment(deps, user);
 */
export async function startTotpEnrolment(deps: TesseraDeps, user: UserRecord): Promise<TotpEnrolment> {
  const secret = generateTotpSecret(deps.randomBytes);
  await deps.store.setPendingTotp(
    user.id,
    seal(deps.secrets, secret, totpSealContext(user.id)),
    deps.clock.now(),
  );
  return enrolmentOf(deps, user, secret);
}

/**
 * The enrolment under way again, for the setup page after a mistyped first code: the secret
 * unsealed from the store and its URI rebuilt, so nothing of it has to ride back from the browser
 * (decision 0067). Only for a sign-in as recent as starting one needs (DESIGN §9; otherwise
 * `ReauthenticationRequiredError`): confirming needs no recent sign-in, and an old session must not
 * read the secret that is about to become the user's second factor. `null` when none is pending.
 *
 * @example
 * const enrolment = await readPendingTotpEnrolment(deps, caller.auth);
 * if (enrolment !== null) showQrCode(enrolment.otpauthUrl);
 */
export async function readPendingTotpEnrolment(
  deps: TesseraDeps,
  auth: { user: UserRecord; session: Pick<SessionRecord, 'authenticatedAt'> },
): Promise<TotpEnrolment | null> {
  assertRecentAuthentication(deps, auth.session, deps.clock.now());
  const pending = (await deps.store.getTotpFactor(auth.user.id))?.pendingSealedSecret ?? null;
  if (pending === null) return null;
  return enrolmentOf(deps, auth.user, unseal(deps.secrets, pending, totpSealContext(auth.user.id)));
}

/** What the user is shown of an enrolment: the secret, and its URI for the QR code. */
function enrolmentOf(deps: Pick<TesseraDeps, 'tokens'>, user: UserRecord, secret: string): TotpEnrolment {
  return {
    secret,
    otpauthUrl: buildOtpauthUrl({ secret, issuer: issuerLabel(deps), accountName: user.email }),
  };
}

/**
 * Confirms the pending authenticator with a code from it: TOTP is now required at sign-in, and 10
 * new recovery codes (returned once, stored hashed) replace any old ones. A wrong code, or no
 * enrolment under way, throws `InvalidEnrolmentCodeError` (400 `invalid_code`).
 *
 * @example
 * const recoveryCodes = await confirmTotpEnrolment(deps, { user, sessionId, origin }, '287082');
 */
export async function confirmTotpEnrolment(
  deps: TesseraDeps,
  change: FactorChange,
  code: string,
): Promise<string[]> {
  const { user } = change;
  const factor = await deps.store.getTotpFactor(user.id);
  const pending = factor?.pendingSealedSecret ?? null;
  if (pending === null) {
    throw new InvalidEnrolmentCodeError('No authenticator is waiting for confirmation: start again.');
  }
  const step = findTotpStep(unseal(deps.secrets, pending, totpSealContext(user.id)), code, deps.clock.now());
  if (step === null || !(await deps.store.confirmTotp(user.id, pending, deps.clock.now(), step))) {
    throw new InvalidEnrolmentCodeError();
  }
  await audit(deps, change, 'mfa.enabled', { factor: 'totp' });
  return replaceRecoveryCodes(deps, change);
}

/**
 * Turns TOTP off (and its recovery codes with it). Resolves whether there was one.
 *
 * @example
 * await removeTotp(deps, { user, sessionId, origin });
 */
export async function removeTotp(deps: TesseraDeps, change: FactorChange): Promise<boolean> {
  const removed = await deps.store.deleteTotpFactor(change.user.id);
  await deps.store.replaceRecoveryCodes(change.user.id, [], deps.clock.now());
  if (removed) await audit(deps, change, 'mfa.disabled', { factor: 'totp' });
  return removed;
}

/**
 * New recovery codes (the old ones die). Only with a second factor on: recovery codes alone would
 * be a second password. Otherwise `InvalidRequestError`.
 *
 * @example
 * const recoveryCodes = await regenerateRecoveryCodes(deps, { user, sessionId, origin });
 */
export async function regenerateRecoveryCodes(deps: TesseraDeps, change: FactorChange): Promise<string[]> {
  if ((await deps.store.getTotpFactor(change.user.id))?.sealedSecret == null) {
    throw new InvalidRequestError('Turn on two-step verification first: recovery codes belong to it.');
  }
  return replaceRecoveryCodes(deps, change);
}

/**
 * A user's second factors as `GET /auth/mfa` shows them.
 *
 * @example
 * const summary: SecondFactorSummary = await describeSecondFactors(deps, user.id);
 * const hasSecondFactor = summary.totp || summary.passkeys > 0;
 */
export interface SecondFactorSummary {
  totp: boolean;
  recoveryCodesLeft: number;
  /** How many passkeys the user has (each signs in alone, with user verification). */
  passkeys: number;
}

/**
 * Which second factors the user has.
 *
 * @example
 * const { totp, recoveryCodesLeft } = await describeSecondFactors(deps, user.id);
 */
export async function describeSecondFactors(
  deps: Pick<TesseraDeps, 'store'>,
  userId: string,
): Promise<SecondFactorSummary> {
  const factor = await deps.store.getTotpFactor(userId);
  return {
    totp: factor?.sealedSecret != null,
    recoveryCodesLeft: await deps.store.countRecoveryCodes(userId),
    passkeys: (await deps.store.listUserPasskeys(userId)).length,
  };
}

/**
 * What a reset needs: the administrative operations' dependencies (the CLI has no keys) and the
 * second-factor part of the store.
 *
 * @example
 * const deps: ResetSecondFactorsDeps = { ...cli.deps, store: cli.store };
 * await resetSecondFactors(deps, user, actor);
 */
export type ResetSecondFactorsDeps = RevocationDeps & { store: SecondFactorStore };

/**
 * An administrator's reset of a user's second factor (lost phone and codes): TOTP and recovery
 * codes removed, every session of the user revoked, audited with the administrator. Resolves
 * whether the user had one.
 *
 * @example
 * await resetSecondFactors(deps, user, actor);
 */
export async function resetSecondFactors(
  deps: ResetSecondFactorsDeps,
  user: UserRecord,
  admin: AdminActor,
): Promise<boolean> {
  const removed = await deps.store.deleteTotpFactor(user.id);
  await deps.store.replaceRecoveryCodes(user.id, [], deps.clock.now());
  await revokeUserSessions(deps, null, {
    userId: user.id,
    reason: 'admin',
    actorSessionId: admin.sessionId,
    origin: admin.origin,
    admin,
  });
  await audit(deps, { user, sessionId: admin.sessionId, origin: admin.origin }, 'mfa.reset', {
    ...adminAuditDetail(admin),
    hadTotp: removed,
  });
  return removed;
}

async function replaceRecoveryCodes(deps: TesseraDeps, change: FactorChange): Promise<string[]> {
  const codes = generateRecoveryCodes(deps.randomBytes, RECOVERY_CODE_COUNT);
  await deps.store.replaceRecoveryCodes(change.user.id, codes.map(hashRecoveryCode), deps.clock.now());
  await audit(deps, change, 'mfa.recovery_codes_generated', { count: codes.length });
  return codes;
}

function audit(
  deps: Parameters<typeof recordAuditEvent>[0],
  change: FactorChange,
  type: 'mfa.enabled' | 'mfa.disabled' | 'mfa.reset' | 'mfa.recovery_codes_generated',
  detail: Record<string, string | number | boolean | null>,
): Promise<void> {
  return recordAuditEvent(deps, {
    type,
    userId: change.user.id,
    sessionId: change.sessionId,
    ip: change.origin?.ip ?? null,
    userAgent: change.origin?.userAgent ?? null,
    detail,
  });
}

/** The issuer an authenticator app shows next to the code: the host of the token issuer. */
function issuerLabel(deps: Pick<TesseraDeps, 'tokens'>): string {
  const { issuer } = deps.tokens.policy;
  try {
    return new URL(issuer).host || issuer;
  } catch {
    return issuer;
  }
}
