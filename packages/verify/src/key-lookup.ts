import type { VerificationKey } from './verification-key.js';

/**
 * Finds the key for a token's `kid` among keys already held in memory, synchronously: `null` when
 * there is none (the token is refused). What {@link verifyAccessTokenSync} takes; a
 * {@link createLocalKeySet} key set has one as `findKey`.
 *
 * @example
 * const keys: KeyLookup = createLocalKeySet(jwks).findKey;
 * const key = keys('2025-01'); // VerificationKey | null
 */
export type KeyLookup = (kid: string) => VerificationKey | null;
