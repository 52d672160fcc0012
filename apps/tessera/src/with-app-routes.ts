import {
  internalErrorResponse,
  MethodNotAllowedError,
  problemResponse,
  withSecurityHeaders,
  type AuthHandler,
  type AuthRequest,
  type AuthResponse,
  type RouteTable,
} from '@tessera/core';

/** A read-only route the server adds in front of the auth API (`/metrics`, `/openapi.json`). */
export interface AppRoute {
  method: 'GET';
  /** A literal path. */
  path: string;
  /** Must not throw for a bad request; a throw is answered 500 (a bug). */
  handle(request: AuthRequest): Promise<AuthResponse>;
}

/**
 * Serves `appRoutes` in front of `handler`, with the same conventions (HEAD for GET, 405 with
 * `Allow` for other methods, problem+json, security headers), and lists both route sets, so the
 * OpenAPI drift test sees every route the server answers.
 *
 * @example
 * const handle = withAppRoutes(createAuthHandler(options), [createOpenApiRoute()]);
 */
export function withAppRoutes(
  handler: AuthHandler & RouteTable,
  appRoutes: readonly AppRoute[],
): AuthHandler & RouteTable {
  const byPath = new Map(appRoutes.map((route) => [route.path, route]));
  if (byPath.size !== appRoutes.length) throw new TypeError('withAppRoutes: two routes share a path');
  for (const route of appRoutes) {
    if (handler.routes.some((existing) => existing.path === route.path)) {
      throw new TypeError(`withAppRoutes: ${route.path} is already served`);
    }
  }
  const routes = [...handler.routes, ...appRoutes.map(({ method, path }) => ({ method, path }))];
  return Object.assign(
    async function handleAppRequest(request: AuthRequest): Promise<AuthResponse> {
      const route = byPath.get(request.path);
      if (route === undefined) return handler(request);
      let response: AuthResponse;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response = problemResponse(new MethodNotAllowedError(['GET', 'HEAD']));
      } else {
        try {
          response = await route.handle(request);
        } catch {
          response = internalErrorResponse();
        }
      }
      if (request.method === 'HEAD') response.body = null;
      return withSecurityHeaders(response);
    },
    { routes },
  );
}
