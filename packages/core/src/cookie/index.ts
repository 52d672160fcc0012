export type { CookieAttributes } from './cookie-attributes.js';
export { findRepeatedCookieNames } from './find-repeated-cookie-names.js';
export { parseCookieHeader } from './parse-cookie-header.js';
export { serializeCookie } from './serialize-cookie.js';
export { checkCookieMode, cookieModes, isCookieMode, type CookieMode } from './cookie-mode.js';
