// `@tessera/next`: Tessera for the Next.js App Router (DESIGN §10).
export {
  createTesseraNext,
  type NextAuth,
  type SignInResult,
  type TesseraNext,
  type TesseraNextOptions,
  type TesseraRouteHandlers,
} from './create-tessera-next.js';
export { parseSetCookie, type ParsedSetCookie } from './parse-set-cookie.js';
