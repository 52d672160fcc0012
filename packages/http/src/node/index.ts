export * from './create-node-listener.js';
export * from './answer-client-error.js';
export * from './create-node-authenticator.js';
export * from './authorize-node-request.js';
export { createTesseraHttp, type TesseraHttpOptions } from '../lib/create-tessera-http.js';
export { isTesseraPath } from '../lib/is-tessera-path.js';
export type { RequestAuth } from '../lib/request-auth.js';
export type { TesseraHttp } from '../lib/tessera-http.js';
