import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../access-token-claims.js';
import { decodeCanonicalBase64url } from './decode-canonical-base64url.js';
import { isPlainObject } from './is-plain-object.js';

/** Private members of RSA, EC and OKP keys (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

/** The key type each algorithm needs (RFC 7518 §3.1, RFC 8037 §3.1). */
const KEY_TYPE_OF: Record<SigningAlgorithm, string> = {
  EdDSA: 'OKP',
  ES256: 'EC',
  RS256: 'RSA',
  HS256: 'oct',
};

/**
 * The shortest HS256 key: the size of the hash output, 256 bits (RFC 7518 §3.2). HS384 and HS512,
 * should they ever be added, need 48 and 64 bytes.
 */
const MIN_HS256_KEY_BYTES = 32;

/** Whether a JWK is ours to verify with, and if not whether that is merely foreign or a hazard. */
export type JwkVerdict =
  | {
      readonly kind: 'usable';
      readonly kid: string;
      readonly alg: SigningAlgorithm;
      readonly jwk: JWK;
      /** The key as node:crypto parsed it while checking it: the public key, or HS256 secret bytes. */
      readonly key: KeyObject | Uint8Array;
    }
  | { readonly kind: 'foreign'; readonly reason: string };

/**
 * Classifies one member of a JWKS for verification. `foreign` keys (no `kid`, an algorithm we do
 * not use, `use: "enc"`, a symmetric key when those are not allowed, unusable key material) are
 * ones a verifier cannot use; a JWK with private members throws `TypeError` whatever the caller
 * does with foreign keys: a verifier must never hold a private key, and a key set that publishes
 * one has leaked it.
 *
 * @example
 * const verdict = readVerificationJwk(jwk, { allowSymmetric: false });
 * if (verdict.kind === 'usable') keys.set(verdict.kid, verdict);
 */
export function readVerificationJwk(jwk: unknown, options: { allowSymmetric: boolean }): JwkVerdict {
  if (!isPlainObject(jwk)) return { kind: 'foreign', reason: 'is not a JSON object' };
  const { kty, kid, alg, use, key_ops: keyOps } = jwk;
  for (const member of PRIVATE_MEMBERS) {
    if (Object.hasOwn(jwk, member)) {
      throw new TypeError(`A JWK has the private member "${member}": verifiers take public keys only.`);
    }
  }
  if (kty === 'oct' && !options.allowSymmetric) {
    throw new TypeError(
      'A JWK is a shared secret (kty "oct"); pass { allowSymmetric: true } to accept HS256 keys.',
    );
  }
  if (typeof kid !== 'string' || kid === '') return { kind: 'foreign', reason: 'has no kid' };
  if (typeof alg !== 'string' || !(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) {
    return { kind: 'foreign', reason: `has no alg among ${SIGNING_ALGORITHMS.join(', ')}` };
  }
  const algorithm = alg as SigningAlgorithm;
  if (use !== undefined && use !== 'sig') return { kind: 'foreign', reason: 'is not for signatures (use)' };
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.includes('verify'))) {
    return { kind: 'foreign', reason: 'does not allow verify (key_ops)' };
  }
  if (kty !== KEY_TYPE_OF[algorithm])
    return { kind: 'foreign', reason: `is not a ${KEY_TYPE_OF[algorithm]} key` };
  if (kty === 'oct') {
    const secret = typeof jwk['k'] === 'string' ? decodeCanonicalBase64url(jwk['k']) : null;
    if (secret === null) return { kind: 'foreign', reason: 'has no k' };
    // RFC 7518 §3.2: a key of the same size as the hash output or larger MUST be used.
    if (secret.length < MIN_HS256_KEY_BYTES) {
      return { kind: 'foreign', reason: 'is an HS256 key shorter than 256 bits (RFC 7518 §3.2)' };
    }
    return { kind: 'usable', kid, alg: algorithm, jwk, key: secret };
  }
  const key = publicKeyFor(algorithm, jwk);
  if (key === null) return { kind: 'foreign', reason: `is not a valid public key for ${algorithm}` };
  return { kind: 'usable', kid, alg: algorithm, jwk, key };
}

/**
 * node:crypto parses the key synchronously, so a broken point, a wrong curve or a short modulus is
 * caught when the key set is built, not at the first token.
 */
function publicKeyFor(alg: SigningAlgorithm, jwk: Record<string, unknown>): KeyObject | null {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return null;
  }
  const details = key.asymmetricKeyDetails;
  let fits: boolean;
  switch (alg) {
    case 'EdDSA':
      fits = key.asymmetricKeyType === 'ed25519'; // RFC 8037 §3.1; Ed448 is not ours
      break;
    case 'ES256':
      fits = key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1'; // RFC 7518 §3.4
      break;
    case 'RS256':
      // RFC 7518 §3.3: a key of 2048 bits or larger MUST be used.
      fits = key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048;
      break;
    case 'HS256':
      fits = false;
      break;
  }
  return fits ? key : null;
}
