import type { KeyResolver } from './key-resolver.js';
import type { VerificationKey } from './verification-key.js';
import { isPlainObject } from './lib/is-plain-object.js';
import { importVerificationJwk } from './lib/import-verification-jwk.js';
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
   * so only a service run by the auth server's own operators should hold one.
   */
  readonly allowSymmetric?: boolean;
}

/**
 * A key resolver over a fixed public JWKS (RFC 7517 §5), for services configured with the auth
 * server's keys instead of fetching them. Every key must have a `kid`, an `alg` among ours, a key
 * type and curve matching that `alg`, and `use` absent or `"sig"`; a private key, or an `oct` key
 * without `allowSymmetric`, is refused. Any problem throws `TypeError` here, at setup. Keys are
 * imported with jose, each pinned to its own `alg`.
 *
 * @example
 * const keys = createLocalKeySet(JSON.parse(process.env.TESSERA_JWKS ?? ''));
 * await verifyAccessToken(token, { keys, issuer, audience });
 */
export function createLocalKeySet(jwks: { keys: unknown[] }, options: LocalKeySetOptions = {}): KeyResolver {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) {
    throw new TypeError('createLocalKeySet needs a JWK set: an object with a "keys" array.');
  }
  const allowSymmetric = options.allowSymmetric ?? false;
  if (typeof allowSymmetric !== 'boolean') throw new TypeError('options.allowSymmetric must be a boolean.');

  const keys = new Map<string, Promise<VerificationKey>>();
  jwks.keys.forEach((jwk, index) => {
    const verdict = readVerificationJwk(jwk, { allowSymmetric });
    if (verdict.kind === 'foreign') throw new TypeError(`The JWK at index ${index} ${verdict.reason}.`);
    if (keys.has(verdict.kid)) throw new TypeError(`Two JWKs share the kid "${verdict.kid}".`);
    const imported = importVerificationJwk(verdict);
    // Validated above, so this cannot fail in practice; if it does, the lookup reports it.
    imported.catch(() => undefined);
    keys.set(verdict.kid, imported);
  });

  return async (kid: string): Promise<VerificationKey | null> => (await keys.get(kid)) ?? null;
}
