import { ACCESS_TOKEN_TYPE } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import type { JwsHeader } from '../jws-header.js';
import { parseCompactJws, type CompactJws } from './parse-compact-jws.js';

/** `application/at+jwt` may be shortened to `at+jwt` (RFC 7515 §4.1.9); media types ignore case. */
const ACCEPTED_TYPES = new Set([ACCESS_TOKEN_TYPE, `application/${ACCESS_TOKEN_TYPE}`]);

/** A compact JWS whose header names a key and the access-token type. */
export type AccessTokenJws = CompactJws & { readonly header: JwsHeader & { readonly kid: string } };

/**
 * Steps (a) and (b) of access-token verification, with no key and no cryptography yet: the
 * compact JWS shape and protected header ({@link parseCompactJws}), `typ` `at+jwt` (RFC 9068
 * §2.1), and a `kid`. Throws `InvalidTokenError`.
 *
 * @example
 * const { header } = parseAccessToken(token, 8192);
 * header.kid; // the key to look up
 */
export function parseAccessToken(token: unknown, maxLength: number): AccessTokenJws {
  const jws = parseCompactJws(token, maxLength);
  const { typ, kid } = jws.header;
  // The exact spelling the server writes first: lower-casing allocates a string on every token.
  if (typ !== ACCESS_TOKEN_TYPE && (typ === undefined || !ACCEPTED_TYPES.has(typ.toLowerCase()))) {
    throw new InvalidTokenError('The token is not an access token (typ must be at+jwt, RFC 9068 §2.1).');
  }
  if (kid === undefined || kid === '') throw new InvalidTokenError('The access token names no key.');
  return jws as AccessTokenJws;
}
