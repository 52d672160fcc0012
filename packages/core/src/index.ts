// The composition surface: what an adopter needs to build the engine and mount its handler.
// Everything else is imported from a capability subpath (`@tessera/core/session`, `/tokens`, …);
// see docs/decisions/0032-public-subpaths.md.
export { createTesseraDeps, type TesseraDepsOptions } from './create-tessera-deps.js';
export type { TesseraDeps } from './account/tessera-deps.js';
export { createAuthHandler, type AuthHandlerOptions } from './api/create-auth-handler.js';
export type { AuthHandler } from './api/router/route.js';
export type { AuthRequest, AuthResponse } from './api/auth-request.js';
export { checkCookieMode, cookieModes, isCookieMode, type CookieMode } from './cookie/cookie-mode.js';
export { parseServerSecrets, type ServerSecret, type ServerSecrets } from './secret/server-secrets.js';
export type { TesseraStore } from './store/tessera-store.js';
export { systemClock, type Clock } from './clock.js';
export { cryptoRandomBytes, type RandomBytes } from './random.js';
export { silentLogger, type LogFields, type Logger } from './logger.js';
export * from './errors.js';
