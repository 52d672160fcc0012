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
