import type { SessionRecord } from '../store/session-store.js';

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
