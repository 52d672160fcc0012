import type { AuthRequest, AuthResponse } from '../auth-request.js';

/**
 * What Tessera does for cross-origin callers (DESIGN §10): the router's preflights, and the headers
 * every answer Tessera writes gets, from the router or from an adapter (a 413, a guard's 401).
 *
 * @example
 * const cors: CorsPolicy = createCorsPolicy(new Set(['https://app.example.com']), 600);
 * writeNodeResponse(res, cors.decorate(req.headers.origin, refusal));
 */
export interface CorsPolicy {
  /** Whether any origin is listed: then every answer varies by `Origin`. */
  readonly enabled: boolean;
  /** The answer to an `OPTIONS` request on one of our paths; `methods` are the path's methods. */
  preflight(request: AuthRequest, methods: readonly string[]): AuthResponse;
  /**
   * Adds the CORS headers of an actual (non-preflight) answer to a request whose `Origin` header is
   * `origin`, in place; returns `response`.
   */
  decorate(origin: string | null | undefined, response: AuthResponse): AuthResponse;
}

/**
 * A handler that says which CORS policy its answers follow, so an adapter's own answers (a 413
 * before the handler runs, a guard's 401) get the same headers (docs/decisions/0070-cors-on-every-answer.md).
 *
 * @example
 * const handle: AuthHandler & CorsAware = createAuthHandler(options);
 * handle.cors.decorate(req.headers.origin, payloadTooLargeResponse(65536));
 */
export interface CorsAware {
  readonly cors: CorsPolicy;
}

/**
 * Request headers a front end may send: the JSON body's type, a bearer token, and the cursor an
 * `EventSource` replays on reconnect (`/auth/revocations`). Nothing else is needed by the client.
 */
const ALLOWED_HEADERS = 'content-type, authorization, last-event-id';
/** Response headers a front end must read: the 401's challenge and the 429/503's wait. */
const EXPOSED_HEADERS = 'www-authenticate, retry-after';

/**
 * The CORS policy of Tessera's answers (DESIGN §10; docs/decisions/0054-cors-in-the-router.md and
 * 0070-cors-on-every-answer.md). An `Origin` equal to a listed origin gets
 * `Access-Control-Allow-Origin: <that origin>` and `Access-Control-Allow-Credentials: true` on every
 * answer, problems included, so a front end can read a 401; any other origin gets neither (never a
 * reflection, never `*`; `null` never matches). Preflights of every origin answer 204 with `Allow`,
 * so a caller learns nothing more than the `Allow` of a 405 already says; only a listed origin gets
 * the `Access-Control-Allow-*` headers the browser needs to go on. With origins configured, every
 * answer carries `Vary: Origin`, so no cache hands one origin's answer to another.
 *
 * @example
 * const cors = createCorsPolicy(new Set(['https://app.example.com']), 600);
 * cors.decorate(request.headers['origin'], response);
 */
export function createCorsPolicy(origins: ReadonlySet<string>, maxAgeSeconds: number): CorsPolicy {
  const enabled = origins.size > 0;
  const maxAge = String(maxAgeSeconds);

  function listedOrigin(origin: string | null | undefined): string | null {
    // Opaque origins (sandboxed frames, data: URLs) send "null": it identifies no one.
    if (typeof origin !== 'string' || origin === 'null' || !origins.has(origin)) return null;
    return origin;
  }

  return {
    enabled,
    preflight(request, methods) {
      const allow = [...methods, 'OPTIONS'].join(', ');
      const headers: [string, string][] = [['allow', allow]];
      const origin = enabled ? listedOrigin(request.headers['origin']) : null;
      if (origin !== null) {
        headers.push(
          ['access-control-allow-origin', origin],
          ['access-control-allow-credentials', 'true'],
          ['access-control-allow-methods', methods.join(', ')],
          ['access-control-allow-headers', ALLOWED_HEADERS],
          ['access-control-max-age', maxAge],
        );
      }
      if (enabled)
        headers.push(['vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers']);
      return { status: 204, headers, body: null };
    },
    decorate(origin, response) {
      if (!enabled) return response;
      const listed = listedOrigin(origin);
      const { headers } = response;
      const vary = headers.findIndex(([name]) => name === 'vary');
      if (vary === -1) headers.push(['vary', 'Origin']);
      else headers[vary] = ['vary', `${headers[vary]?.[1] ?? ''}, Origin`];
      if (listed === null) return response;
      headers.push(
        ['access-control-allow-origin', listed],
        ['access-control-allow-credentials', 'true'],
        ['access-control-expose-headers', EXPOSED_HEADERS],
      );
      return response;
    },
  };
}
