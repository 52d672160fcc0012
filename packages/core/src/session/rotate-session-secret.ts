import type { SessionDeps } from './session-deps.js';
import { generateSessionToken } from './session-token.js';

/**
 * Gives an existing session a new secret (same id) and returns the new token; the old token stops
 * working at once. Used after a password change, which keeps the current device signed in.
 *
 * @example
 * const token = await rotateSessionSecret(deps, session.id);
 */
export async function rotateSessionSecret(
  deps: Pick<SessionDeps, 'store' | 'randomBytes'>,
  sessionId: string,
): Promise<string> {
  const { secretHash, token } = generateSessionToken(deps.randomBytes);
  const secret = token.slice(token.indexOf('.') + 1);
  await deps.store.updateSessionSecretHash(sessionId, secretHash);
  return `${sessionId}.${secret}`;
}
