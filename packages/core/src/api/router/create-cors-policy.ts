import type { AuthRequest, AuthResponse } from '../auth-request.js';

/** What the router does for cross-origin callers (DESIGN §10). */
export interface CorsPolicy {
  /** The answer to an `OPTIONS` request on one of our paths; `methods` are the path's methods. */
  preflight(request: AuthRequest, methods: readonly string[]): AuthResponse;
  /** Adds the CORS headers an actual (non-preflight) response carries, in place. */
  decorate(request: AuthRequest, response: AuthResponse): void;
}

/**
 * Request headers a front end may send: the JSON body's type, a bearer token, and the cursor an
 * `EventSource` replays on reconnect (`/auth/revocations`). Nothing else is needed by the client.
 */
const ALLOWED_HEADERS = 'content-type, authorization, last-event-id';
/** Response headers a front end must read: the 401's challenge and the 429/503's wait. */
const EXPOSED_HEADERS = 'www-authenticate, retry-after';

/**
 * The CORS policy of the one router (DESIGN §10; docs/decisions/0054-cors-in-the-router.md). An
 * `Origin` equal to a listed origin gets `Access-Control-Allow-Origin: <that origin>` and
 * `Access-Control-Allow-Credentials: true` on every answer, problems included, so a front end can
 * read a 401; any other origin gets neither (never a reflection, never `*`; `null` never matches).
 * Preflights of every origin answer 204 with `Allow`, so a caller learns nothing more than the `Allow`
 * of a 405 already says; only a listed origin gets the `Access-Control-Allow-*` headers the browser
 * needs to go on. With origins configured, every answer carries `Vary: Origin`, so no cache hands one
 * origin's answer to another.
 *
 * @example
 * const cors = createCorsPolicy(new Set(['https://app.example.com']), 600);
 * cors.decorate(request, response);
 */
export function createCorsPolicy(origins: ReadonlySet<string>, maxAgeSeconds: number): CorsPolicy {
  const enabled = origins.size > 0;
  const maxAge = String(maxAgeSeconds);

  function listedOrigin(request: AuthRequest): string | null {
    const origin = request.headers['origin'];
    // Opaque origins (sandboxed frames, data: URLs) send "null": it identifies no one.
    if (typeof origin !== 'string' || origin === 'null' || !origins.has(origin)) return null;
    return origin;
  }

  return {
    preflight(request, methods) {
      const allow = [...methods, 'OPTIONS'].join(', ');
      const headers: [string, string][] = [['allow', allow]];
      const origin = enabled ? listedOrigin(request) : null;
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
    decorate(request, response) {
      if (!enabled) return;
      const origin = listedOrigin(request);
      const { headers } = response;
      const vary = headers.findIndex(([name]) => name === 'vary');
      if (vary === -1) headers.push(['vary', 'Origin']);
      else headers[vary] = ['vary', `${headers[vary]?.[1] ?? ''}, Origin`];
      if (origin === null) return;
      headers.push(
        ['access-control-allow-origin', origin],
        ['access-control-allow-credentials', 'true'],
        ['access-control-expose-headers', EXPOSED_HEADERS],
      );
    },
  };
}
