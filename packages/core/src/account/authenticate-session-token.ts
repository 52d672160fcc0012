import { acceptCachedSessionToken, validateSessionToken } from '../session/validate-session-token.js';
import type { SessionRecord } from '../store/session-store.js';
import type { UserRecord } from '../store/user-store.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * A request's proven identity.
 *
 * @example
 * const auth: Authenticated | null = await authenticateSessionToken(deps, token);
 * if (auth?.refreshed) headers.push(['set-cookie', createSessionCookie(token, sessionExpiresAt(auth.session), now)]);
 */
export interface Authenticated {
  user: UserRecord;
  session: SessionRecord;
  /** The session's idle expiry moved: re-send the cookie. */
  refreshed: boolean;
}

/**
 * Resolves a session token to its session and user, or `null` when either is gone, expired, or
 * the user is disabled.
 *
 * @example
 * const auth = await authenticateSessionToken(deps, cookies['__Host-tessera-session'] ?? '');
 */
export async function authenticateSessionToken(
  deps: TesseraDeps,
  token: string,
): Promise<Authenticated | null> {
  const validated = await validateSessionToken(deps, token);
  if (validated === null) return null;
  const user = await deps.sessionCache.getUser(validated.session.userId);
  if (user === null || user.disabledAt !== null) return null;
  return { user, session: validated.session, refreshed: validated.refreshed };
}

/**
 * `authenticateSessionToken` from the cache alone, without waiting: the identity when the cached
 * session and user accept the token with nothing to read or write, else `undefined` (ask
 * `authenticateSessionToken`, which reads the store and makes every refusal).
 *
 * @example
 * const auth = authenticateCachedSessionToken(deps, token, deps.clock.now()) ?? (await authenticateSessionToken(deps, token));
 */
export function authenticateCachedSessionToken(
  deps: TesseraDeps,
  token: string,
  now: Date,
): Authenticated | undefined {
  const session = acceptCachedSessionToken(deps, token, now);
  if (session === undefined) return undefined;
  const user = deps.sessionCache.peekUser(session.userId, now.getTime());
  if (user === undefined || user.disabledAt !== null) return undefined;
  return { user, session, refreshed: false };
}
