import type { AccessTokenClaims } from '../access-token-claims.js';
import type { VerificationKey } from '../verification-key.js';
import {
  forgetAccessToken,
  type CachedAccessToken,
  type VerifiedTokenCache,
} from '../verified-token-cache.js';
import { assertSessionNotRevoked } from './assert-session-not-revoked.js';
import { assertTokenTimes } from './assert-token-times.js';
import type { CheckedVerifyOptions } from './check-verify-options.js';

/**
 * Answers for a token found in the cache, given the key its `kid` resolves to now: `null` when the
 * key set no longer holds the key that verified it (the entry is dropped and the caller verifies
 * the token in full), else the times and the revocation set are checked exactly as for a new token
 * and a fresh copy of the claims is returned. An expired token's entry is dropped.
 *
 * @example
 * const claims = answerFromCache(cache, slot, entry, await options.keys(entry.kid), options);
 */
export function answerFromCache(
  cache: VerifiedTokenCache,
  slot: number,
  entry: CachedAccessToken,
  key: VerificationKey | null,
  options: CheckedVerifyOptions<unknown>,
): AccessTokenClaims | null {
  if (key === null || key.key !== entry.key || key.alg !== entry.alg) {
    forgetAccessToken(cache, slot, entry.token);
    return null;
  }
  const now = options.currentDate ?? new Date();
  const { claims } = entry;
  try {
    assertTokenTimes(claims, options.clockToleranceSeconds, now.getTime() / 1000);
  } catch (error) {
    forgetAccessToken(cache, slot, entry.token);
    throw error;
  }
  if (options.revocations !== null) assertSessionNotRevoked(claims.sid, options.revocations, now);
  return { ...claims, roles: claims.roles.slice() };
}
