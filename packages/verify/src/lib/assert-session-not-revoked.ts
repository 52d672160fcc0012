import { SessionRevokedError } from '../access-token-error.js';
import type { RevocationChecker } from '../revocation-checker.js';

/**
 * Step (f), last: the revocation set must be usable (its feed heard recently enough under the
 * fail-closed policy, else `RevocationFeedUnavailableError`, 503) and must not hold the session
 * (`SessionRevokedError`). Last, so that a bad token is refused (401) even while the feed is down.
 *
 * @example
 * assertSessionNotRevoked(claims.sid, revocations, now);
 */
export function assertSessionNotRevoked(sessionId: string, revocations: RevocationChecker, now: Date): void {
  revocations.assertUsable(now);
  if (revocations.isRevoked(sessionId, now)) throw new SessionRevokedError();
}
