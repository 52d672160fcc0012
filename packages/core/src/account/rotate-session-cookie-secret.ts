import { rotateSessionSecret } from '../session/rotate-session-secret.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Gives a cookie session a new secret (same id) and makes every instance forget the old one at
 * once: a `session-changed` entry goes through the revocation feed, which drops the session from
 * every session cache and revokes nothing.
 *
 * @example
 * const token = await rotateSessionCookieSecret(deps, session.id);
 */
export async function rotateSessionCookieSecret(deps: TesseraDeps, sessionId: string): Promise<string> {
  const token = await rotateSessionSecret(deps, sessionId);
  await deps.revocationFeed.publishSessionsChanged([sessionId], deps.clock.now());
  return token;
}
