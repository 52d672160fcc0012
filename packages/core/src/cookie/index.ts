// `@tessera/core/cookie`: cookie parsing and serializing, and the names of Tessera's own cookies.
export {
  ACCESS_COOKIE_NAME,
  createSessionCookie,
  REFRESH_COOKIE_NAME,
  REFRESH_PATH,
  SESSION_COOKIE_NAME,
} from '../api/auth-cookies.js';
export type { CookieAttributes } from './cookie-attributes.js';
export { findRepeatedCookieNames } from './find-repeated-cookie-names.js';
export { parseCookieHeader } from './parse-cookie-header.js';
export { serializeCookie } from './serialize-cookie.js';
