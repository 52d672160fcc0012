export * from './create-session.js';
export * from './list-user-sessions.js';
export * from './rotate-session-secret.js';
export * from './session-deps.js';
export * from './session-expiry.js';
export * from './session-policy.js';
export * from './session-token.js';
export * from './validate-session-token.js';
