import { createHmac } from 'node:crypto';
import type { RandomBytes } from '../random.js';
import { hashTokenSecret } from '../session/session-token.js';

/** Refresh tokens look unlike session tokens and access tokens, so one is never taken for another. */
const REFRESH_TOKEN_PATTERN = /^rt\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A refresh token's parts. */
export interface RefreshTokenParts {
  sessionId: string;
  secret: string;
}

/**
 * Formats `rt.<session id>.<secret>`.
 *
 * @example
 * formatRefreshToken({ sessionId, secret }) // 'rt.KIL8….-kNa…'
 */
export function formatRefreshToken(parts: RefreshTokenParts): string {
  return `rt.${parts.sessionId}.${parts.secret}`;
}

/**
 * Parses a presented refresh token, or `null` when it is not exactly our shape.
 *
 * @example
 * parseRefreshToken('eyJ…') // null: an access token is never a refresh token
 */
export function parseRefreshToken(token: string): RefreshTokenParts | null {
  if (token.length !== 69) return null;
  const match = REFRESH_TOKEN_PATTERN.exec(token);
  return match === null ? null : { sessionId: match[1] ?? '', secret: match[2] ?? '' };
}

/**
 * The first secret of a session's refresh chain: 256 bits from the CSPRNG.
 *
 * @example
 * const secret = generateRefreshSecret(randomBytes);
 */
export function generateRefreshSecret(randomBytes: RandomBytes): string {
  return Buffer.from(randomBytes(32)).toString('base64url');
}

/**
 * The successor of a refresh secret: HMAC-SHA256 under a server key, bound to the session.
 * Deriving instead of drawing at random makes rotation idempotent without storing tokens: the
 * predecessor replayed within the grace yields the very same successor, so racing requests never
 * fork the chain, and a genuine older token can be recognised by walking the chain forward.
 *
 * @example
 * const next = deriveSuccessorSecret(chainKey, sessionId, secret);
 */
export function deriveSuccessorSecret(chainKey: Uint8Array, sessionId: string, secret: string): string {
  return createHmac('sha256', chainKey)
    .update(`tessera refresh chain\u0000${sessionId}\u0000${secret}`)
    .digest('base64url');
}

/** Hex SHA-256 of a refresh secret (the same construction as session secrets). */
export const hashRefreshSecret = hashTokenSecret;
