export * from './access-token-claims.js';
export * from './access-token-error.js';
export * from './authentication-strength.js';
export * from './create-local-key-set.js';
export * from './create-remote-key-set.js';
export * from './follow-revocation-feed.js';
export * from './jws-header.js';
export * from './key-lookup.js';
export * from './key-resolver.js';
export * from './revocation-checker.js';
export * from './revocation-set.js';
export * from './verification-key.js';
export * from './verify-access-token.js';
export * from './verify-access-token-sync.js';
export * from './verify-jws-signature.js';
// Only the class: the functions next to it are the package's own way in.
export { VerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token-cache.js';
