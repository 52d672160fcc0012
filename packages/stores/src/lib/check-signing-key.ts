import type { SigningAlgorithm, SigningKeyRecord } from '@tessera/core/store';
import { checkDate } from './check-date.js';
import { checkPrivateJwkCiphertext } from './check-private-jwk-ciphertext.js';

const signingAlgorithms: ReadonlySet<string> = new Set<SigningAlgorithm>([
  'EdDSA',
  'ES256',
  'RS256',
  'HS256',
]);

/** The instants of a signing key in milliseconds, as `checkSigningKey` validated them. */
export interface SigningKeyMillis {
  createdAtMillis: number;
  activatesAtMillis: number;
  retiredAtMillis: number | null;
  expiresAtMillis: number | null;
}

/**
 * Validates a signing key before a store keeps it, and resolves its instants in milliseconds. Throws
 * `TypeError` (a caller bug) for an unknown `alg`, an invalid `Date`, a `publicJwk` that is not a JSON
 * object, and a `publicJwk` that does not match the algorithm: HS256 has no public part, every other
 * algorithm must have one. The last check is the one that matters: whatever sits in `publicJwk` is
 * published in the JWKS, so an HS256 secret put there by mistake would be handed to the world.
 *
 * @example
 * const { createdAtMillis } = checkSigningKey(key, 'insertSigningKey');
 */
export function checkSigningKey(key: SigningKeyRecord, operation: string): SigningKeyMillis {
  if (typeof key.kid !== 'string' || key.kid === '') {
    throw new TypeError(`${operation}: kid must be a non-empty string.`);
  }
  if (!signingAlgorithms.has(key.alg)) {
    throw new TypeError(`${operation}: alg must be one of EdDSA, ES256, RS256, HS256.`);
  }
  if ((key.alg === 'HS256') !== (key.publicJwk === null)) {
    throw new TypeError(`${operation}: publicJwk must be null for HS256 and a JWK for every other alg.`);
  }
  if (key.publicJwk !== null && !isJsonObject(key.publicJwk)) {
    throw new TypeError(`${operation}: publicJwk must be a JSON object.`);
  }
  checkPrivateJwkCiphertext(key.privateJwkCiphertext, operation);
  return {
    createdAtMillis: checkDate(key.createdAt, `${operation}: createdAt`),
    activatesAtMillis: checkDate(key.activatesAt, `${operation}: activatesAt`),
    retiredAtMillis: key.retiredAt === null ? null : checkDate(key.retiredAt, `${operation}: retiredAt`),
    expiresAtMillis: key.expiresAt === null ? null : checkDate(key.expiresAt, `${operation}: expiresAt`),
  };
}

// The same test as the SQLite column's CHECK (json_valid + json_type = 'object').
function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
