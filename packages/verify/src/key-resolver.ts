import type { VerificationKey } from './verification-key.js';

/**
 * Finds the key for a token's `kid`: `null` when there is none (the token is refused). It may
 * throw `KeySetUnavailableError` when the key set cannot be reached; that is passed through so
 * the service answers 503, not 401.
 *
 * @example
 * const keys: KeyResolver = createRemoteKeySet('https://auth.example.com/.well-known/jwks.json');
 * const key = await keys('2025-01'); // VerificationKey | null
 */
export type KeyResolver = (kid: string) => Promise<VerificationKey | null>;
