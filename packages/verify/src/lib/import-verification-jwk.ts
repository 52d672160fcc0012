import { importJWK } from 'jose';
import type { VerificationKey } from '../verification-key.js';
import type { JwkVerdict } from './read-verification-jwk.js';

/**
 * Imports a usable JWK with jose, pinned to its own `alg`.
 *
 * @example
 * const key = await importVerificationJwk(verdict);
 */
export async function importVerificationJwk(
  usable: Extract<JwkVerdict, { kind: 'usable' }>,
): Promise<VerificationKey> {
  const key = await importJWK(usable.jwk, usable.alg);
  return { kid: usable.kid, alg: usable.alg, key };
}
