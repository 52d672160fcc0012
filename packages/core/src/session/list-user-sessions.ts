import type { SessionRecord } from '../store/session-store.js';
import type { SessionDeps } from './session-deps.js';
import { isSessionExpired } from './session-expiry.js';

/**
 * The user's live sessions, oldest first; expired ones are left out (the sweep deletes them).
 *
 * @example
 * const devices = await listUserSessions(deps, user.id);
 */
export async function listUserSessions(
  deps: Pick<SessionDeps, 'store' | 'clock'>,
  userId: string,
): Promise<SessionRecord[]> {
  const now = deps.clock.now();
  const sessions = await deps.store.listUserSessions(userId);
  return sessions.filter((session) => !isSessionExpired(session, now));
}
