import { compactVerify, errors } from 'jose';
import { InvalidTokenError } from '../access-token-error.js';
import type { VerificationKey } from '../verification-key.js';
import type { CompactJws } from './parse-compact-jws.js';

/**
 * Verifies the signature of a parsed compact JWS with one key, using the key's algorithm only:
 * the header's `alg` must equal it (RFC 8725 §2.1, §3.1), and jose is told to allow nothing else.
 * A failed check is `InvalidTokenError`; a key jose cannot use for its own `alg` is a `TypeError`
 * (configuration), because no token content can choose the key or the algorithm.
 *
 * @example
 * await checkSignature(token, parseCompactJws(token, 8192), key);
 */
export async function checkSignature(token: string, jws: CompactJws, key: VerificationKey): Promise<void> {
  if (jws.header.alg !== key.alg) {
    throw new InvalidTokenError('The access token names an algorithm other than its key.');
  }
  try {
    await compactVerify(token, key.key, { algorithms: [key.alg] });
  } catch (error) {
    if (error instanceof errors.JOSEError) {
      throw new InvalidTokenError('The access token signature is not valid.');
    }
    throw error;
  }
}
