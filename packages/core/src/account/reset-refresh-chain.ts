import { InvalidRefreshTokenError } from '../errors.js';
import { hashTokenSecret } from '../session/session-token.js';
import type { SessionRecord } from '../store/session-store.js';
import { formatRefreshToken, generateRefreshSecret } from '../token/refresh-token.js';
import type { TesseraDeps } from './tessera-deps.js';

/**
 * Starts a session's refresh chain over with a fresh random token (after a password change): every
 * earlier refresh token of the session stops working, and none of them counts as reuse.
 *
 * @example
 * const refreshToken = await resetRefreshChain(deps, session);
 */
export async function resetRefreshChain(deps: TesseraDeps, session: SessionRecord): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = attempt === 0 ? session : await deps.store.getSession(session.id);
    if (current?.refreshTokenHash == null) throw new InvalidRefreshTokenError();
    const secret = generateRefreshSecret(deps.randomBytes);
    const written = await deps.store.rotateSessionRefreshToken(session.id, current.refreshTokenHash, {
      refreshTokenHash: hashTokenSecret(secret),
      previousRefreshTokenHash: null,
      refreshRotatedAt: null,
      refreshGeneration: 0,
    });
    if (written) return formatRefreshToken({ sessionId: session.id, secret });
  }
  throw new InvalidRefreshTokenError();
}
