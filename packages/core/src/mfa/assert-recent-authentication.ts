import { ReauthenticationRequiredError } from '../errors.js';
import type { SessionPolicy } from '../session/session-policy.js';
import type { SessionRecord } from '../store/session-store.js';

/**
 * Whether the session's last authentication is within `maxAgeSeconds` of `now` (DESIGN §9).
 *
 * @example
 * if (!isRecentAuthentication(session, now, 600)) showReauthenticatePrompt();
 */
export function isRecentAuthentication(
  session: Pick<SessionRecord, 'authenticatedAt'>,
  now: Date,
  maxAgeSeconds: number,
): boolean {
  return now.getTime() - session.authenticatedAt.getTime() <= maxAgeSeconds * 1000;
}

/**
 * Throws `ReauthenticationRequiredError` (403 `reauthentication_required`) unless the session
 * authenticated within the policy's `reauthMaxAgeSeconds`. The router runs it for routes marked
 * `recentAuth: true`; adapters run it for the application's own routes (`requireFreshAuth`).
 *
 * @example
 * assertRecentAuthentication(deps, caller.auth.session, deps.clock.now());
 */
export function assertRecentAuthentication(
  deps: { policy: Pick<SessionPolicy, 'reauthMaxAgeSeconds'> },
  session: Pick<SessionRecord, 'authenticatedAt'>,
  now: Date,
  maxAgeSeconds: number = deps.policy.reauthMaxAgeSeconds,
): void {
  if (!isRecentAuthentication(session, now, maxAgeSeconds)) throw new ReauthenticationRequiredError();
}

/**
 * Whether the session proved a second factor (RFC 8176 `amr`): `mfa`, a one-time code (`otp`, only
 * ever added on top of a first factor), or a passkey (`hwk`/`swk`: possession and user verification).
 * The same rule as `hasSecondFactor` of `@tessera/verify`, for verifiers.
 *
 * @example
 * if (!hasProvedSecondFactor(session)) throw new SecondFactorRequiredError();
 */
export function hasProvedSecondFactor(session: { readonly amr: readonly string[] }): boolean {
  return ['mfa', 'otp', 'hwk', 'swk'].some((method) => session.amr.includes(method));
}
