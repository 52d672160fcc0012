/**
 * What `verifyAccessToken` asks about revocations; {@link RevocationSet} implements it.
 *
 * @example
 * const revocations: RevocationChecker = {
 *   isRevoked: (sessionId) => revokedIds.has(sessionId),
 *   assertUsable: () => {},
 * };
 */
export interface RevocationChecker {
  /** Whether the session has been revoked (and the entry is still kept at `now`). */
  isRevoked(sessionId: string, now: Date): boolean;
  /** Throws `RevocationFeedUnavailableError` when the checker's answers cannot be trusted at `now`. */
  assertUsable(now: Date): void;
}
