export * from './seal.js';
export * from './server-secrets.js';
