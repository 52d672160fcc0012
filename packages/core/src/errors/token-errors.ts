// Errors of refresh tokens and of the revocation feed (DESIGN §1, §3.2).
// Each code is also listed in the `ErrorCode` union of ../errors.ts, which re-exports this file.
import { TesseraError } from './tessera-error.js';

/**
 * A refresh token that is malformed, unknown, expired, or whose session is gone. (Access-token
 * failures are `@tessera/verify`'s errors, with the same codes.)
 *
 * @example
 * throw new InvalidRefreshTokenError();
 */
export class InvalidRefreshTokenError extends TesseraError {
  readonly code = 'ERR_INVALID_TOKEN';
  override readonly name = 'InvalidRefreshTokenError';
  constructor() {
    super('The refresh token is invalid or expired. Sign in again.');
  }
}

/**
 * An already-rotated refresh token came back after the grace: the session was revoked (theft detection).
 *
 * @example
 * throw new RefreshTokenReusedError();
 */
export class RefreshTokenReusedError extends TesseraError {
  readonly code = 'ERR_REFRESH_TOKEN_REUSED';
  override readonly name = 'RefreshTokenReusedError';
  constructor() {
    super('This refresh token was already used. The session has been signed out for safety; sign in again.');
  }
}

/**
 * The revocation feed already serves as many subscribers as this process allows (DESIGN §3.2):
 * 503 with `Retry-After`, so a follower comes back later instead of growing the process.
 *
 * @example
 * throw new RevocationFeedBusyError(5);
 */
export class RevocationFeedBusyError extends TesseraError {
  readonly code = 'ERR_REVOCATION_FEED_BUSY';
  override readonly name = 'RevocationFeedBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super(`The revocation feed has too many subscribers. Try again in ${retryAfterSeconds} seconds.`);
  }
}
