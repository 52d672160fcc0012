import type { AccessTokenClaims } from '../access-token-claims.js';
import { cacheSlotOf, findCachedAccessToken } from '../verified-token-cache.js';
import { acceptAccessToken } from './accept-access-token.js';
import { answerFromCache } from './answer-from-cache.js';
import type { CheckedVerifyOptions } from './check-verify-options.js';
import type { HeldKeyLookup } from './held-key-lookups.js';
import { parseAccessToken } from './parse-access-token.js';

/**
 * Verifies an access token with keys held in memory, without a promise: a cached token is answered
 * from the cache (times and revocation checked again), any other goes through steps (a) to (f).
 * Returns `undefined`, having checked nothing that the caller must not check again, when `lookup`
 * cannot answer for the token's `kid` without waiting.
 *
 * @example
 * const claims = verifyWithHeldKeys(token, checked, (kid) => keys.get(kid) ?? null);
 */
export function verifyWithHeldKeys(
  token: string,
  options: CheckedVerifyOptions<unknown>,
  lookup: HeldKeyLookup,
): AccessTokenClaims | undefined {
  const { cache } = options;
  let cacheSlot = -1;
  if (cache !== null && typeof token === 'string' && token.length <= options.maxTokenLength) {
    cacheSlot = cacheSlotOf(cache, token);
    const entry = findCachedAccessToken(cache, cacheSlot, token, options);
    if (entry !== undefined) {
      const key = lookup(entry.kid);
      if (key === undefined) return undefined;
      const claims = answerFromCache(cache, cacheSlot, entry, key, options);
      if (claims !== null) return claims;
    }
  }
  // (a), (b): shape and protected header, with no key and no crypto yet.
  const jws = parseAccessToken(token, options.maxTokenLength);
  const key = lookup(jws.header.kid);
  if (key === undefined) return undefined;
  // (c) to (f): the key chosen by kid fixes the algorithm; signature, claims, revocation.
  return acceptAccessToken(token, jws, key, options, cacheSlot);
}
