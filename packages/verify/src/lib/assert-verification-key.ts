import { SIGNING_ALGORITHMS } from '../access-token-claims.js';
import type { VerificationKey } from '../verification-key.js';
import { isPlainObject } from './is-plain-object.js';

/**
 * Throws `TypeError` unless `value` is a usable {@link VerificationKey}: a configuration bug
 * (a resolver returning a JWK instead of an imported key, a secret for a public-key algorithm)
 * must surface as a bug, not as every token being "invalid".
 *
 * @example
 * assertVerificationKey(await keys(kid));
 */
export function assertVerificationKey(value: unknown): asserts value is VerificationKey {
  if (!isPlainObject(value)) throw new TypeError('A verification key must be an object.');
  const { kid, alg, key } = value;
  if (typeof kid !== 'string' || kid === '') throw new TypeError('A verification key needs a non-empty kid.');
  if (typeof alg !== 'string' || !(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new TypeError(`A verification key's alg must be one of ${SIGNING_ALGORITHMS.join(', ')}.`);
  }
  if (key instanceof Uint8Array) {
    if (alg !== 'HS256') throw new TypeError(`Raw key bytes can only verify HS256, not ${alg}.`);
    return;
  }
  const type = typeof key === 'object' && key !== null ? (key as { type?: unknown }).type : undefined;
  if (type === 'private') {
    throw new TypeError('A verification key must be public: verifiers never hold private keys.');
  }
  const expected = alg === 'HS256' ? 'secret' : 'public';
  if (type !== expected) {
    throw new TypeError(`A ${alg} verification key must hold a ${expected} CryptoKey or KeyObject.`);
  }
}
