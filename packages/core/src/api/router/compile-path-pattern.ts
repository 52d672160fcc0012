const PATH_PARAM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A path pattern split once at start-up: `null` names mark literal segments. */
export interface PathPattern {
  readonly segments: readonly { readonly literal: string; readonly name: string | null }[];
}

/**
 * Splits a route path such as `/admin/users/:id/roles` into segments, once, so matching a request
 * walks the path without splitting it.
 *
 * @example
 * const pattern = compilePathPattern('/auth/sessions/:id');
 * matchPathPattern(pattern, '/auth/sessions/abc'); // { id: 'abc' }
 */
export function compilePathPattern(path: string): PathPattern {
  if (!path.startsWith('/')) throw new TypeError(`route path must start with "/": ${path}`);
  return {
    segments: path
      .slice(1)
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? { literal: '', name: segment.slice(1) } : { literal: segment, name: null },
      ),
  };
}

/**
 * The path's parameters when it matches `pattern`, else `null`. A parameter is one segment of 1–64
 * characters from `A-Za-z0-9_-` (ids are never percent-encoded, so nothing is decoded).
 *
 * @example
 * matchPathPattern(compilePathPattern('/a/:id'), '/a/b/c'); // null
 */
export function matchPathPattern(pattern: PathPattern, path: string): Record<string, string> | null {
  if (path.charCodeAt(0) !== 47) return null;
  const { segments } = pattern;
  let params: Record<string, string> | null = null;
  let start = 1;
  let remaining = segments.length;
  for (const segment of segments) {
    const slash = path.indexOf('/', start);
    const last = --remaining === 0;
    if (last !== (slash === -1)) return null;
    const end = last ? path.length : slash;
    if (segment.name === null) {
      if (end - start !== segment.literal.length || !path.startsWith(segment.literal, start)) return null;
    } else {
      const value = path.slice(start, end);
      if (!PATH_PARAM_PATTERN.test(value)) return null;
      (params ??= {})[segment.name] = value;
    }
    start = end + 1;
  }
  return params ?? {};
}
