import type { KeyLookup } from './key-lookup.js';
import type { KeyResolver } from './key-resolver.js';
import type { VerificationKey } from './verification-key.js';
import { registerHeldKeyLookup } from './lib/held-key-lookups.js';
import { isPlainObject } from './lib/is-plain-object.js';
import { readVerificationJwk } from './lib/read-verification-jwk.js';

/**
 * Options of {@link createLocalKeySet}.
 *
 * @example
 * const options: LocalKeySetOptions = { allowSymmetric: true };
 */
export interface LocalKeySetOptions {
  /**
   * Accept `kty: "oct"` keys for HS256. Off by default: whoever holds an HMAC key can mint tokens,
   * so only a service run by the auth server's own operators should hold one. A key shorter than
   * 256 bits is refused even then (RFC 7518 §3.2).
   */
  readonly allowSymmetric?: boolean;
}

/**
 * A key resolver over a fixed set of keys, plus `findKey`, the same lookup without a promise (for
 * {@link verifyAccessTokenSync}).
 *
 * @example
 * const keys: LocalKeySet = createLocalKeySet(jwks);
 * keys.findKey('2025-01'); // VerificationKey | null
 */
export type LocalKeySet = KeyResolver & { readonly findKey: KeyLookup };

/**
 * A key resolver over a fixed public JWKS (RFC 7517 §5), for services configured with the auth
 * server's keys instead of fetching them. Every key must have a `kid`, an `alg` among ours, a key
 * type and curve matching that `alg`, and `use` absent or `"sig"`; a private key, or an `oct` key
 * without `allowSymmetric`, is refused. Any problem throws `TypeError` here, at setup. Each key is
 * pinned to its own `alg` and imported here, synchronously, by node:crypto (the `KeyObject` made
 * while checking it), so the set is complete when this returns and `findKey` can answer at once.
 *
 * @example
 * const keys = createLocalKeySet(JSON.parse(process.env.TESSERA_JWKS ?? ''));
 * await verifyAccessToken(token, { keys, issuer, audience });
 */
export function createLocalKeySet(jwks: { keys: unknown[] }, options: LocalKeySetOptions = {}): LocalKeySet {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) {
    throw new TypeError('createLocalKeySet needs a JWK set: an object with a "keys" array.');
  }
  const allowSymmetric = options.allowSymmetric ?? false;
  if (typeof allowSymmetric !== 'boolean') throw new TypeError('options.allowSymmetric must be a boolean.');

  const keys = new Map<string, VerificationKey>();
  jwks.keys.forEach((jwk, index) => {
    const verdict = readVerificationJwk(jwk, { allowSymmetric });
    if (verdict.kind === 'foreign') throw new TypeError(`The JWK at index ${index} ${verdict.reason}.`);
    if (keys.has(verdict.kid)) throw new TypeError(`Two JWKs share the kid "${verdict.kid}".`);
    keys.set(verdict.kid, { kid: verdict.kid, alg: verdict.alg, key: verdict.key });
  });

  const findKey: KeyLookup = (kid) => keys.get(kid) ?? null;
  const resolve = (kid: string): Promise<VerificationKey | null> => Promise.resolve(findKey(kid));
  registerHeldKeyLookup(resolve, findKey);
  return Object.assign(resolve, { findKey });
}
