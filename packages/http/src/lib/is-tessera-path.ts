import type { TesseraHttp } from './tessera-http.js';

/**
 * Whether a path (without its query) is one of Tessera's routes: anything under `/auth`, the JWKS
 * and the health probes. Adapters hand those to `handle` and authenticate everything else.
 *
 * @example
 * if (isTesseraPath(tessera, '/auth/login')) return serve(request); // true
 */
export function isTesseraPath(tessera: TesseraHttp, path: string): boolean {
  const { mountPath } = tessera;
  return path === mountPath || path.startsWith(`${mountPath}/`) || tessera.rootPaths.includes(path);
}
