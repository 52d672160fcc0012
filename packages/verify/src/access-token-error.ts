/**
 * Every way `@tessera/verify` refuses an access token, as a class with a stable `code`.
 *
 * Codes are public: services map them to HTTP statuses and log them, so a code is never renamed or
 * reused. Messages describe what happened in words and never contain the token or any part of it
 * (not its header, its `kid`, a claim, nor a parser message that quotes the input).
 *
 * @example
 * const status: Record<AccessTokenErrorCode, number> = {
 *   ERR_INVALID_TOKEN: 401,
 *   ERR_TOKEN_EXPIRED: 401,
 *   ERR_SESSION_REVOKED: 401,
 *   ERR_KEY_SET_UNAVAILABLE: 503,
 *   ERR_REVOCATION_FEED_UNAVAILABLE: 503,
 * };
 */
export type AccessTokenErrorCode =
  | 'ERR_INVALID_TOKEN'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_SESSION_REVOKED'
  | 'ERR_KEY_SET_UNAVAILABLE'
  | 'ERR_REVOCATION_FEED_UNAVAILABLE';

/**
 * Base class of every coded verification error: `instanceof AccessTokenError` separates a refused
 * token or an unavailable dependency from a bug (`TypeError`).
 *
 * @example
 * try {
 *   await verifyAccessToken(token, options);
 * } catch (error) {
 *   if (!(error instanceof AccessTokenError)) throw error;
 *   console.log(error.code); // 'ERR_TOKEN_EXPIRED'
 * }
 */
export abstract class AccessTokenError extends Error {
  abstract readonly code: AccessTokenErrorCode;
}

/**
 * The token is malformed, badly signed, of the wrong type, or for another issuer or audience.
 * HTTP: 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1).
 *
 * @example
 * throw new InvalidTokenError('The token is not signed with a known key.');
 */
export class InvalidTokenError extends AccessTokenError {
  readonly code = 'ERR_INVALID_TOKEN';
  override readonly name = 'InvalidTokenError';
  constructor(message = 'The access token is not valid.') {
    super(message);
  }
}

/**
 * The token was valid but its `exp` (plus the clock tolerance) has passed (RFC 7519 §4.1.4).
 * HTTP: 401 `token_expired`.
 *
 * @example
 * if (error instanceof TokenExpiredError) await refreshTokens();
 */
export class TokenExpiredError extends AccessTokenError {
  readonly code = 'ERR_TOKEN_EXPIRED';
  override readonly name = 'TokenExpiredError';
  constructor() {
    super('The access token has expired.');
  }
}

/**
 * The token is genuine but its session (`sid`) has been revoked: logout, device removal,
 * password change or refresh-token reuse. HTTP: 401 `session_revoked`.
 *
 * @example
 * if (error instanceof SessionRevokedError) res.status(401);
 */
export class SessionRevokedError extends AccessTokenError {
  readonly code = 'ERR_SESSION_REVOKED';
  override readonly name = 'SessionRevokedError';
  constructor() {
    super('The session of this access token has been revoked.');
  }
}

/**
 * The remote JWKS could not be fetched while a token named a key we do not hold. An infrastructure
 * fault, not a verdict on the token: HTTP 503, never a silent 401.
 *
 * @example
 * throw new KeySetUnavailableError('The key set could not be fetched.', fetchError);
 */
export class KeySetUnavailableError extends AccessTokenError {
  readonly code = 'ERR_KEY_SET_UNAVAILABLE';
  override readonly name = 'KeySetUnavailableError';
  constructor(message = 'The key set could not be fetched.', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/**
 * The revocation feed has been lost for longer than the fail-closed policy allows, so a revoked
 * session could pass unnoticed. An infrastructure fault: HTTP 503.
 *
 * @example
 * throw new RevocationFeedUnavailableError();
 */
export class RevocationFeedUnavailableError extends AccessTokenError {
  readonly code = 'ERR_REVOCATION_FEED_UNAVAILABLE';
  override readonly name = 'RevocationFeedUnavailableError';
  constructor(message = 'The revocation feed is unavailable.', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
