export * from './tessera-hono.js';
export * from './tessera-routes.js';
export * from './require-auth.js';
export * from './tessera-env.js';
export { createTesseraHttp, type TesseraHttpOptions } from '../lib/create-tessera-http.js';
export type { RequestAuth } from '../lib/request-auth.js';
export type { TesseraHttp } from '../lib/tessera-http.js';
