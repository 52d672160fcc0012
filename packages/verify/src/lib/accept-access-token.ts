import type { AccessTokenClaims } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import type { VerificationKey } from '../verification-key.js';
import { admitAccessToken, rememberAccessToken } from '../verified-token-cache.js';
import { assertSessionNotRevoked } from './assert-session-not-revoked.js';
import { assertVerificationKey } from './assert-verification-key.js';
import type { CheckedVerifyOptions } from './check-verify-options.js';
import { checkSignature } from './check-signature.js';
import type { AccessTokenJws } from './parse-access-token.js';
import { readAccessTokenClaims } from './read-access-token-claims.js';

/**
 * Steps (c) to (f) of access-token verification once the key for the token's `kid` is known: the
 * key fixes the algorithm, the signature is checked before any claim is read, then the claims,
 * then the revocation set; a token that passed everything is remembered in the cache, if any
 * (from its second full verification on),
 * in `cacheSlot` (found by the caller when it looked the token up; -1 when there is no cache).
 *
 * @example
 * return acceptAccessToken(token, jws, await options.keys(jws.header.kid), options, slot);
 */
export function acceptAccessToken(
  token: string,
  jws: AccessTokenJws,
  key: VerificationKey | null,
  options: CheckedVerifyOptions<unknown>,
  cacheSlot: number,
): AccessTokenClaims {
  if (key === null) throw new InvalidTokenError('The access token is not signed with a known key.');
  assertVerificationKey(key);
  checkSignature(jws, key);

  const now = options.currentDate ?? new Date();
  const claims = readAccessTokenClaims(jws.payload, options, now.getTime() / 1000);
  if (options.revocations !== null) assertSessionNotRevoked(claims.sid, options.revocations, now);

  if (options.cache !== null && cacheSlot !== -1 && admitAccessToken(options.cache, cacheSlot, token)) {
    rememberAccessToken(options.cache, cacheSlot, {
      token,
      claims: { ...claims, roles: claims.roles.slice() },
      kid: jws.header.kid,
      alg: key.alg,
      key: key.key,
      issuer: options.issuer,
      audience: options.audience,
    });
  }
  return claims;
}
