export * from './auth-request.js';
export * from './create-auth-handler.js';
export * from './problem.js';
export * from './public-shapes.js';
export * from './read-json-body.js';
export * from './security-headers.js';
export * from './session-cookie.js';
