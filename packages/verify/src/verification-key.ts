import type { KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from './access-token-claims.js';

/**
 * A public key (or, for HS256 only, a shared secret) that verifies tokens naming its `kid`.
 * Its `alg` is the only algorithm it verifies: a token's header must name exactly this algorithm
 * (RFC 8725 §3.1), so an `HS256` header can never turn a public key into an HMAC secret.
 *
 * @example
 * const key: VerificationKey = {
 *   kid: '2025-01',
 *   alg: 'EdDSA',
 *   key: await importJWK(publicJwk, 'EdDSA'),
 * };
 */
export interface VerificationKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** Already imported: a public `CryptoKey`/`KeyObject`, or the secret bytes for HS256. */
  readonly key: CryptoKey | KeyObject | Uint8Array;
}
