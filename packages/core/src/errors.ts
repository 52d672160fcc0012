// The registry of public error codes: the `ErrorCode` union (./errors/error-code.ts) lists every
// code, and this file re-exports it and every error class, kept by area in ./errors/ (one file per
// DESIGN section). A code can never be reused unnoticed: a class whose code is not in the union
// does not compile, and errors.test.ts fails when two classes share a code or a code in the union
// has no class.
export type { ErrorCode } from './errors/error-code.js';
export * from './errors/tessera-error.js';
export * from './errors/request-errors.js';
export * from './errors/session-errors.js';
export * from './errors/token-errors.js';
export * from './errors/admin-errors.js';
export * from './errors/email-errors.js';
export * from './errors/oauth-errors.js';
export * from './errors/second-factor-errors.js';
