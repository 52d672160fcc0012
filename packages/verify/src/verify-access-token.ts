import type { AccessTokenClaims } from './access-token-claims.js';
import type { KeyResolver } from './key-resolver.js';
import type { RevocationChecker } from './revocation-checker.js';
import { cacheSlotOf, findCachedAccessToken, type VerifiedTokenCache } from './verified-token-cache.js';
import { acceptAccessToken } from './lib/accept-access-token.js';
import { answerFromCache } from './lib/answer-from-cache.js';
import { checkVerifyOptions, type CheckedVerifyOptions } from './lib/check-verify-options.js';
import { findHeldKeyLookup } from './lib/held-key-lookups.js';
import { parseAccessToken } from './lib/parse-access-token.js';
import { verifyWithHeldKeys } from './lib/verify-with-held-keys.js';

/**
 * What `verifyAccessToken` trusts: the keys, who issues tokens, and who they must be for.
 *
 * @example
 * const options: VerifyAccessTokenOptions = {
 *   keys: createRemoteKeySet('https://auth.example.com/.well-known/jwks.json'),
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   revocations,
 *   cache: new VerifiedTokenCache(),
 * };
 */
export interface VerifyAccessTokenOptions {
  /** Finds the key for the token's `kid`. */
  readonly keys: KeyResolver;
  /** The exact `iss` expected (RFC 7519 §4.1.1). */
  readonly issuer: string;
  /** This service: the token's `aud` must be it or contain it (RFC 7519 §4.1.3). */
  readonly audience: string;
  /** Leeway for `exp`, `nbf` and a future `iat`; default 60. */
  readonly clockToleranceSeconds?: number;
  /** The instant to verify at; default now. Tests freeze time with it. */
  readonly currentDate?: Date;
  /** Revoked sessions; `null` or absent skips the check (tokens then live until `exp`). */
  readonly revocations?: RevocationChecker | null;
  /** Longer tokens are refused before any parsing; default 8192 characters. */
  readonly maxTokenLength?: number;
  /**
   * Tokens already verified, so a repeated one skips the signature; times, key presence and
   * revocation are still checked on every call. `null` or absent: no cache.
   */
  readonly cache?: VerifiedTokenCache | null;
}

/**
 * Verifies a Tessera access token and returns its claims. The order is the security argument
 * (RFC 8725 §3; DESIGN §2): the token's shape and protected header first, then the key by `kid`
 * with the algorithm pinned by that key, then the signature, and only then the claims (typ, iss,
 * aud, times, required members), and last the revocation set. With a `cache`, a token verified
 * before skips the shape, header and signature steps (it is the same string) but not the key
 * lookup, the times or the revocation set.
 *
 * Rejections are coded: `InvalidTokenError`, `TokenExpiredError`, `SessionRevokedError`; faults of
 * a dependency are `KeySetUnavailableError` and `RevocationFeedUnavailableError` (answer 503).
 * Bad options throw `TypeError` at the call, before any promise exists. With keys held in memory,
 * {@link verifyAccessTokenSync} does the same without a promise.
 *
 * @example
 * const claims = await verifyAccessToken(bearerToken, {
 *   keys,
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   revocations,
 * });
 * claims.sub; // the user id
 */
export function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  const checked = checkVerifyOptions(options, 'verifyAccessToken');
  const lookup = findHeldKeyLookup(checked.keys);
  if (lookup === undefined) return verify(token, checked);
  // One of our key sets, holding its keys in memory: verify now and hand back one settled promise
  // rather than awaiting the resolver's (docs/decisions/0015-verify-cost.md). Refusals still
  // arrive as rejections, exactly as on the asynchronous path.
  let claims: AccessTokenClaims | undefined;
  try {
    claims = verifyWithHeldKeys(token, checked, lookup);
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a coded error or a TypeError, passed on as thrown
    return Promise.reject(error);
  }
  return claims === undefined ? verify(token, checked) : Promise.resolve(claims);
}

async function verify(token: string, options: CheckedVerifyOptions<KeyResolver>): Promise<AccessTokenClaims> {
  const { cache } = options;
  let cacheSlot = -1;
  if (cache !== null && typeof token === 'string' && token.length <= options.maxTokenLength) {
    cacheSlot = cacheSlotOf(cache, token);
    const entry = findCachedAccessToken(cache, cacheSlot, token, options);
    if (entry !== undefined) {
      const claims = answerFromCache(cache, cacheSlot, entry, await options.keys(entry.kid), options);
      if (claims !== null) return claims;
    }
  }
  // (a), (b): shape and protected header, with no key and no crypto yet.
  const jws = parseAccessToken(token, options.maxTokenLength);
  // (c) to (f): the key chosen by kid fixes the algorithm; signature, claims, revocation.
  return acceptAccessToken(token, jws, await options.keys(jws.header.kid), options, cacheSlot);
}
