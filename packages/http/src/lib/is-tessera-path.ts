import type { TesseraHttp } from './tessera-http.js';

/**
 * Whether a path (without its query) is one of Tessera's routes: anything under `/auth`, and every
 * other route the handler serves (the JWKS, the health probes, the admin API). Adapters hand those
 * to `handle` and authenticate everything else.
 *
 * @example
 * if (isTesseraPath(tessera, '/auth/login')) return serve(request); // true
 */
export function isTesseraPath(tessera: TesseraHttp, path: string): boolean {
  const { mountPath } = tessera;
  if (path === mountPath || path.startsWith(`${mountPath}/`)) return true;
  return tessera.rootPaths.some((pattern) => matchesPattern(pattern, path));
}

/** `/admin/users/:id` matches `/admin/users/abc`: a `:name` segment is any one non-empty segment. */
function matchesPattern(pattern: string, path: string): boolean {
  if (!pattern.includes(':')) return pattern === path;
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return false;
  return expected.every((segment, index) =>
    segment.startsWith(':') ? (actual[index] ?? '') !== '' : segment === actual[index],
  );
}
