// `@tessera/core/tokens`: signing keys and the access tokens (JWTs) signed with them.
export {
  KEY_PUBLISH_LEAD_SECONDS,
  KeyRing,
  type KeyRingOptions,
  type KeySummary,
  type RingKey,
} from './key-ring.js';
export { resolveTokenPolicy } from './resolve-token-policy.js';
export { signingAlgorithms, type SigningKeyMaterial } from './signing-key-material.js';
export { TokenService, type IssuedAccessToken, type TokenPolicy } from './token-service.js';
