// `@tessera/core/client-ip`: which address a request comes from, behind trusted proxies.
export type { TrustProxy } from './trust-proxy.js';
export { parseTrustProxy } from './parse-trust-proxy.js';
export { resolveClientIp } from './resolve-client-ip.js';
export { throttleScopeOfIp } from './throttle-scope-of-ip.js';
