import type { SessionRecord } from '../store/session-store.js';
import type { SessionDeps } from './session-deps.js';
import { addSeconds, isActivityWriteDue, isSessionExpired } from './session-expiry.js';
import { hashTokenSecret, parseSessionToken, secretHashesMatch } from './session-token.js';

/**
 * A session that passed every check.
 *
 * @example
 * const validated: ValidatedSession | null = await validateSessionToken(deps, token);
 * if (validated?.refreshed) headers.push(['set-cookie', createSessionCookie(token, sessionExpiresAt(validated.session), now)]);
 */
export interface ValidatedSession {
  session: SessionRecord;
  /**
   * True when this request moved the idle expiry forward: the transport must re-send the cookie
   * so its Max-Age follows the session.
   */
  refreshed: boolean;
}

/**
 * Checks a presented `<id>.<secret>` token: shape, existence, secret (constant time), idle and
 * absolute expiry. Returns `null` for every kind of "no valid session" (they are not exceptions);
 * store faults propagate as `StoreUnavailableError`.
 *
 * Activity is written at most once per `activityUpdateIntervalSeconds`, not on every request.
 *
 * @example
 * const result = await validateSessionToken(deps, cookieValue);
 * if (result === null) return unauthenticated();
 */
export async function validateSessionToken(
  deps: SessionDeps,
  token: string,
): Promise<ValidatedSession | null> {
  const parsed = parseSessionToken(token);
  if (parsed === null) return null;
  const { store, clock, policy, sessionCache } = deps;
  const presentedHash = hashTokenSecret(parsed.secret);
  const now = clock.now();
  const read = await sessionCache.getSession(parsed.sessionId);
  let session = read.record;
  // A cached record is trusted for the common case only: before refusing or deleting anything
  // because of it, read the store (the secret may have been rotated, the expiry slid elsewhere).
  if (
    session !== null &&
    read.cached &&
    (!secretHashesMatch(session.secretHash, presentedHash) || isSessionExpired(session, now))
  ) {
    session = await sessionCache.readSession(parsed.sessionId);
  }
  if (session === null) return null;
  if (!secretHashesMatch(session.secretHash, presentedHash)) return null;
  if (isSessionExpired(session, now)) {
    await store.deleteSession(session.id);
    sessionCache.invalidateSession(session.id);
    return null;
  }
  if (!isActivityWriteDue(session, now, policy)) return { session, refreshed: false };
  const idleExpiresAt = addSeconds(now, policy.idleTimeoutSeconds);
  await store.updateSessionActivity(session.id, now, idleExpiresAt);
  sessionCache.noteActivity(session.id, now, idleExpiresAt);
  return { session: { ...session, lastSeenAt: now, idleExpiresAt }, refreshed: true };
}

/**
 * The session of a presented token when the cache alone can accept it, without waiting: cached,
 * not revoked, the secret matching, not expired, and no activity write due. `undefined` in every
 * other case, refusals included: `validateSessionToken` then decides, reading the store.
 *
 * @example
 * const session = acceptCachedSessionToken(deps, token, clock.now()); // SessionRecord | undefined
 */
export function acceptCachedSessionToken(
  deps: Pick<SessionDeps, 'policy' | 'sessionCache'>,
  token: string,
  now: Date,
): SessionRecord | undefined {
  const parsed = parseSessionToken(token);
  if (parsed === null) return undefined;
  const session = deps.sessionCache.peekSession(parsed.sessionId);
  if (
    session == null ||
    !secretHashesMatch(session.secretHash, hashTokenSecret(parsed.secret)) ||
    isSessionExpired(session, now) ||
    isActivityWriteDue(session, now, deps.policy)
  ) {
    return undefined;
  }
  return session;
}
