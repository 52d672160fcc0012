// `@tessera/http/fetch`: Tessera for fetch-style runtimes (Web `Request` in, `Response` out).
export * from './create-fetch-handler.js';
export { createTesseraHttp, type TesseraHttpOptions } from '../lib/create-tessera-http.js';
export { isTesseraPath } from '../lib/is-tessera-path.js';
export { toRequestAuth, type RequestAuth } from '../lib/request-auth.js';
export type { TesseraHttp } from '../lib/tessera-http.js';
