import type { SigningAlgorithm } from './access-token-claims.js';

/**
 * The protected header of a JWS that passed the signature layer (RFC 7515 §4): its `alg` is the
 * verifying key's, and it carries no `jwk`, `jku`, `x5u`, `x5c`, `crit` or `b64` member.
 *
 * @example
 * const { header } = await verifyJwsSignature(token, key);
 * header.alg; // 'EdDSA'
 */
export interface JwsHeader {
  readonly alg: SigningAlgorithm;
  readonly kid?: string;
  readonly typ?: string;
  readonly [member: string]: unknown;
}
