import type { SessionRecord } from '../store/session-store.js';
import type { SessionPolicy } from './session-policy.js';

/**
 * When a session stops being valid: the earlier of its idle and absolute expiry.
 *
 * @example
 * sessionExpiresAt(session) // Date
 */
export function sessionExpiresAt(session: Pick<SessionRecord, 'idleExpiresAt' | 'absoluteExpiresAt'>): Date {
  // getTime(), not `<` on the Dates: that converts each through Symbol.toPrimitive (every request).
  return session.idleExpiresAt.getTime() < session.absoluteExpiresAt.getTime()
    ? session.idleExpiresAt
    : session.absoluteExpiresAt;
}

/**
 * True once either expiry has passed at `now`.
 *
 * @example
 * isSessionExpired(session, clock.now())
 */
export function isSessionExpired(
  session: Pick<SessionRecord, 'idleExpiresAt' | 'absoluteExpiresAt'>,
  now: Date,
): boolean {
  return now.getTime() >= sessionExpiresAt(session).getTime();
}

/** `date` moved forward by `seconds`. */
export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/**
 * Whether a request at `now` should write the session's activity (slide its idle expiry): at most
 * once per `activityUpdateIntervalSeconds`, not on every request.
 *
 * @example
 * if (isActivityWriteDue(session, now, deps.policy)) await deps.store.updateSessionActivity(id, now, idleExpiresAt);
 */
export function isActivityWriteDue(
  session: Pick<SessionRecord, 'lastSeenAt'>,
  now: Date,
  policy: Pick<SessionPolicy, 'activityUpdateIntervalSeconds'>,
): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= policy.activityUpdateIntervalSeconds * 1000;
}
