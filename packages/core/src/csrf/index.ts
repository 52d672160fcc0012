// `@tessera/core/csrf`: the own-origin check for unsafe requests.
export type { CsrfRequestHeaders } from './csrf-request-headers.js';
export { isCrossSiteRequest } from './is-cross-site-request.js';
export { parseTrustedOrigins } from './parse-trusted-origins.js';
