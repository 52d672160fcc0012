export * from './tessera-express.js';
export * from './require-auth.js';
export * from './authenticated-request.js';
export { createTesseraHttp, type TesseraHttpOptions } from '../lib/create-tessera-http.js';
export type { RequestAuth } from '../lib/request-auth.js';
export type { TesseraHttp } from '../lib/tessera-http.js';
