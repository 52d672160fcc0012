import { rotateSessionSecret } from '../session/index.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Gives a cookie session a new secret (same id) and makes every instance forget the old one at
 * once: the session id goes through the revocation feed, which drops it from every session cache.
 * For a `cookie` session that entry touches nothing else — such sessions have no access tokens for
 * the revocation set to refuse.
 *
 * @example
 * const token = await rotateSessionCookieSecret(deps, session.id);
 */
export async function rotateSessionCookieSecret(deps: TesseraDeps, sessionId: string): Promise<string> {
  const token = await rotateSessionSecret(deps, sessionId);
  await deps.revocationFeed.publish([sessionId], deps.clock.now());
  return token;
}
