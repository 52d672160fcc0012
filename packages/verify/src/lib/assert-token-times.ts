import { InvalidTokenError, TokenExpiredError } from '../access-token-error.js';

/**
 * Checks a token's NumericDates against `nowSeconds` with `toleranceSeconds` of leeway: not before
 * `nbf` (RFC 7519 §4.1.5), not issued in the future (DESIGN §3.1: as suspect as a future `nbf`),
 * and refused "on or after" `exp` (RFC 7519 §4.1.4). Throws `InvalidTokenError` or
 * `TokenExpiredError`. Run on every verification, a cached one included.
 *
 * @example
 * assertTokenTimes(claims, 60, Date.now() / 1000);
 */
export function assertTokenTimes(
  times: { readonly exp: number; readonly iat: number; readonly nbf?: number | undefined },
  toleranceSeconds: number,
  nowSeconds: number,
): void {
  if (times.nbf !== undefined && times.nbf > nowSeconds + toleranceSeconds) {
    throw new InvalidTokenError('The access token is not valid yet (nbf).');
  }
  if (times.iat > nowSeconds + toleranceSeconds) {
    throw new InvalidTokenError('The access token was issued in the future.');
  }
  if (times.exp + toleranceSeconds <= nowSeconds) throw new TokenExpiredError();
}
