export * from './audit-store.js';
export * from './counter-store.js';
export * from './revocation-store.js';
export * from './session-store.js';
export * from './signing-key-store.js';
export * from './store-lifecycle.js';
export * from './tessera-store.js';
export * from './user-store.js';
