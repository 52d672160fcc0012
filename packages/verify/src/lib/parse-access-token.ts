import { ACCESS_TOKEN_TYPE } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import { parseCompactJws, type CompactJws } from './parse-compact-jws.js';

/** `application/at+jwt` may be shortened to `at+jwt` (RFC 7515 §4.1.9); media types ignore case. */
const ACCEPTED_TYPES = new Set([ACCESS_TOKEN_TYPE, `application/${ACCESS_TOKEN_TYPE}`]);

/**
 * Steps (a) and (b) of access-token verification, with no key and no cryptography yet: the
 * compact JWS shape and protected header ({@link parseCompactJws}), `typ` `at+jwt` (RFC 9068
 * §2.1), and a `kid`. Throws `InvalidTokenError`.
 *
 * @example
 * const { kid } = parseAccessToken(token, 8192);
 */
export function parseAccessToken(token: unknown, maxLength: number): CompactJws & { readonly kid: string } {
  const jws = parseCompactJws(token, maxLength);
  const { typ, kid } = jws.header;
  if (typ === undefined || !ACCEPTED_TYPES.has(typ.toLowerCase())) {
    throw new InvalidTokenError('The token is not an access token (typ must be at+jwt, RFC 9068 §2.1).');
  }
  if (kid === undefined || kid === '') throw new InvalidTokenError('The access token names no key.');
  return { ...jws, kid };
}
