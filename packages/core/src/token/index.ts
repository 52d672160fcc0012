export * from './key-ring.js';
export * from './refresh-token.js';
export * from './signing-key-material.js';
export * from './token-service.js';
export * from './resolve-token-policy.js';
