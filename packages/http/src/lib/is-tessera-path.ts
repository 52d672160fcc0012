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
  if (path.startsWith(mountPath) && (path.length === mountPath.length || path[mountPath.length] === '/')) {
    return true;
  }
  return matcherFor(tessera.rootPaths)(path);
}

/**
 * The root paths as one test, built once per route list: this runs on every request of the
 * application, so the literal paths are a set lookup and only `:name` patterns are split.
 */
function matcherFor(rootPaths: readonly string[]): (path: string) => boolean {
  const cached = matchers.get(rootPaths);
  if (cached !== undefined) return cached;
  const literal = new Set(rootPaths.filter((pattern) => !pattern.includes(':')));
  const patterns = rootPaths.filter((pattern) => pattern.includes(':')).map((pattern) => pattern.split('/'));
  // The first segment of every pattern (`admin` of `/admin/users/:id`): an application path whose
  // first segment is none of them is answered without splitting it.
  const firstSegments = new Set(patterns.map((segments) => segments[1] ?? ''));
  const anyFirstSegment = [...firstSegments].some((segment) => segment.startsWith(':'));
  const matcher = (path: string): boolean =>
    literal.has(path) ||
    (patterns.length > 0 &&
      (anyFirstSegment || firstSegments.has(firstSegmentOf(path))) &&
      matchesAnyPattern(patterns, path));
  matchers.set(rootPaths, matcher);
  return matcher;
}
const matchers = new WeakMap<readonly string[], (path: string) => boolean>();

/** `api` of `/api/orders/7`; `''` for `/`. */
function firstSegmentOf(path: string): string {
  const end = path.indexOf('/', 1);
  return end === -1 ? path.slice(1) : path.slice(1, end);
}

/** `/admin/users/:id` matches `/admin/users/abc`: a `:name` segment is any one non-empty segment. */
function matchesAnyPattern(patterns: readonly string[][], path: string): boolean {
  const actual = path.split('/');
  return patterns.some(
    (expected) =>
      expected.length === actual.length &&
      expected.every((segment, index) =>
        segment.startsWith(':') ? (actual[index] ?? '') !== '' : segment === actual[index],
      ),
  );
}
