import type { AccessTokenClaims } from './access-token-claims.js';
import type { KeyLookup } from './key-lookup.js';
import type { RevocationChecker } from './revocation-checker.js';
import type { VerifiedTokenCache } from './verified-token-cache.js';
import { checkVerifyOptions, type CheckedVerifyOptions } from './lib/check-verify-options.js';
import { verifyWithHeldKeys } from './lib/verify-with-held-keys.js';

/**
 * Options of {@link verifyAccessTokenSync}: those of `verifyAccessToken`, with keys that are
 * already in memory.
 *
 * @example
 * const localKeys = createLocalKeySet(jwks);
 * const options: VerifyAccessTokenSyncOptions = { keys: localKeys.findKey, issuer, audience };
 */
export interface VerifyAccessTokenSyncOptions {
  /** Finds the key for the token's `kid` among keys held in memory, without waiting. */
  readonly keys: KeyLookup;
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
  /** Tokens already verified (see {@link VerifiedTokenCache}); `null` or absent: no cache. */
  readonly cache?: VerifiedTokenCache | null;
}

/**
 * `verifyAccessToken` for keys held in memory (a {@link createLocalKeySet}'s `findKey`, or the auth
 * server's own key ring): the same checks in the same order, with the same coded errors, thrown
 * instead of rejected, and no promise. A promise costs a few hundred nanoseconds, about a tenth of
 * a whole HS256 verification (docs/decisions/0015-verify-cost.md). A remote JWKS, which may have
 * to be fetched, needs `verifyAccessToken`.
 *
 * @example
 * const localKeys = createLocalKeySet(jwks);
 * const claims = verifyAccessTokenSync(bearerToken, {
 *   keys: localKeys.findKey,
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   revocations,
 *   cache,
 * });
 */
export function verifyAccessTokenSync(
  token: string,
  options: VerifyAccessTokenSyncOptions,
): AccessTokenClaims {
  const checked: CheckedVerifyOptions<KeyLookup> = checkVerifyOptions(options, 'verifyAccessTokenSync');
  const claims = verifyWithHeldKeys(token, checked, checked.keys);
  // Only a lookup breaking its contract (undefined instead of null) leaves the question open.
  if (claims === undefined) throw new TypeError('options.keys must return a verification key or null.');
  return claims;
}
