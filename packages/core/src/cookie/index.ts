// `@tessera/core/cookie`: cookie parsing and serializing, the names of Tessera's own cookies, and
// the cookie modes.
export {
  ACCESS_COOKIE_NAME,
  createAuthCookies,
  createSessionCookie,
  hostOnlyAuthCookies,
  type AuthCookies,
  REFRESH_COOKIE_NAME,
  REFRESH_PATH,
  SESSION_COOKIE_NAME,
} from '../api/auth-cookies.js';
export type { CookieAttributes } from './cookie-attributes.js';
export { checkCookieDomain, isHostInCookieDomain } from './check-cookie-domain.js';
export { checkCookieMode, cookieModes, isCookieMode, type CookieMode } from './cookie-mode.js';
export { findRepeatedCookieNames } from './find-repeated-cookie-names.js';
export { parseCookieHeader } from './parse-cookie-header.js';
export { serializeCookie } from './serialize-cookie.js';
