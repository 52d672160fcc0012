export * from './create-tessera-fetch.js';
export * from './lock-manager-like.js';
