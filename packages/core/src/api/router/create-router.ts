import { resolveClientIp } from '../../client-ip/resolve-client-ip.js';
import type { TrustProxy } from '../../client-ip/trust-proxy.js';
import { parseCookieHeader } from '../../cookie/parse-cookie-header.js';
import { MethodNotAllowedError, NotFoundError } from '../../errors.js';
import type { RequestOrigin } from '../../account/request-origin.js';
import type { Logger } from '../../logger.js';
import type { AuthRequest, AuthResponse } from '../auth-request.js';
import { authenticateRequest, authenticateRequestFromCache } from '../authenticate-request.js';
import { internalErrorResponse, isCodedError, problemByErrorCode, problemResponse } from '../problem.js';
import { assertNotCrossSite, unauthenticatedResponse } from '../request-guards.js';
import { withSecurityHeaders } from '../security-headers.js';
import { DEFAULT_CORS_MAX_AGE_SECONDS, DEFAULT_CORS_ORIGINS } from '../../defaults.js';
import { createCorsPolicy, type CorsAware } from './create-cors-policy.js';
import { compilePathPattern, matchPathPattern, type PathPattern } from './compile-path-pattern.js';
import { describeCause } from './describe-cause.js';
import { findAdminActor } from './find-admin-actor.js';
import { assertRecentAuthentication } from '../../mfa/assert-recent-authentication.js';
import type { AuthHandler, Route, RouteContext, RouteServices, RouteSignature, RouteTable } from './route.js';

/** What the router needs besides its routes. */
export interface RouterOptions {
  routes: readonly Route[];
  services: RouteServices;
  /** Origins allowed to make cookie-authenticated unsafe requests (`TESSERA_TRUSTED_ORIGINS`). */
  trustedOrigins: ReadonlySet<string>;
  /**
   * Origins whose pages may call the API with credentials (`TESSERA_CORS_ORIGINS`, DESIGN §10); they
   * are trusted for CSRF too. Default: none.
   */
  corsOrigins?: ReadonlySet<string>;
  /** How long browsers may cache a preflight; default `DEFAULT_CORS_MAX_AGE_SECONDS`. */
  corsMaxAgeSeconds?: number;
  /** The origin of `TESSERA_PUBLIC_URL`, or `null` (see `assertNotCrossSite`). */
  publicOrigin: string | null;
  trustProxy: TrustProxy;
  logger: Logger;
}

/** The routes of one path pattern, in declaration order. */
interface PathGroup {
  readonly pattern: PathPattern;
  readonly routes: Route[];
  /** `Allow` of a 405: the methods in declaration order, HEAD added when GET is there. */
  allow: readonly string[];
}

/** A matched request: the route's group(s) and the path's parameters. */
interface PathMatch {
  readonly groups: readonly PathGroup[];
  readonly params: Readonly<Record<string, string>>;
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
/** A route context's resolved `origin` (not enumerable). */
const ORIGIN = Symbol('origin');

/**
 * The one router of Tessera's HTTP layer. It owns what every route shares: matching (a `Map` for
 * literal paths, compiled `:name` patterns for the rest), HEAD for every GET route, 405 with
 * `Allow`, `OPTIONS` and CORS (DESIGN §10), the CSRF check (DESIGN §3.1), the caller rule (401/403 before the route runs), the
 * recent-authentication rule of sensitive routes (403 `reauthentication_required`, DESIGN §9),
 * problem+json errors with their log line (or a page route's own `errorPage`: the web UI's HTML), and
 * the security headers. Routes declare; the router enforces. A duplicate (method, path) is a `TypeError` at start-up.
 *
 * @example
 * const handle = createRouter({ routes: apiRoutes, services, trustedOrigins, publicOrigin: null, trustProxy, logger });
 * const response = await handle(request);
 */
export function createRouter(options: RouterOptions): AuthHandler & RouteTable & CorsAware {
  const { routes, services, publicOrigin, trustProxy, logger } = options;
  const corsOrigins = options.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  // A front end allowed to read our answers with credentials is one we take unsafe requests from.
  const trustedOrigins: ReadonlySet<string> =
    corsOrigins.size === 0 ? options.trustedOrigins : new Set([...options.trustedOrigins, ...corsOrigins]);
  const cors = createCorsPolicy(corsOrigins, options.corsMaxAgeSeconds ?? DEFAULT_CORS_MAX_AGE_SECONDS);
  const { deps } = services;
  const order = new Map<Route, number>(routes.map((route, index) => [route, index]));

  const groups = new Map<string, PathGroup>();
  for (const route of routes) {
    let group = groups.get(route.path);
    if (group === undefined) {
      group = { pattern: compilePathPattern(route.path), routes: [], allow: [] };
      groups.set(route.path, group);
    }
    if (group.routes.some((existing) => existing.method === route.method)) {
      throw new TypeError(`createRouter: ${route.method} ${route.path} is declared twice`);
    }
    group.routes.push(route);
  }
  for (const group of groups.values()) group.allow = allowOf(group.routes);

  // Literal paths are looked up, not scanned: routing runs on every request. A literal path that a
  // pattern also matches keeps both, decided here once instead of on every request.
  const literalMatches = new Map<string, PathMatch>();
  const patternGroups: PathGroup[] = [];
  for (const [path, group] of groups) {
    if (path.includes(':')) patternGroups.push(group);
  }
  for (const [path, group] of groups) {
    if (path.includes(':')) continue;
    const alsoMatching = patternGroups.filter((other) => matchPathPattern(other.pattern, path) !== null);
    literalMatches.set(path, { groups: [group, ...alsoMatching], params: NO_PARAMS });
  }

  function matchPath(path: string): PathMatch | null {
    const literal = literalMatches.get(path);
    if (literal !== undefined) return literal;
    let matched: PathGroup[] | null = null;
    let params: Record<string, string> = NO_PARAMS;
    for (const group of patternGroups) {
      const found = matchPathPattern(group.pattern, path);
      if (found === null) continue;
      (matched ??= []).push(group);
      params = { ...params, ...found };
    }
    return matched === null ? null : { groups: matched, params };
  }

  /** Every method the matched path answers (the `Allow` of a 405 or a preflight). */
  function methodsOf(match: PathMatch): readonly string[] {
    const group = match.groups[0];
    if (match.groups.length === 1 && group !== undefined) return group.allow;
    return allowOf(
      match.groups.flatMap((each) => each.routes).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    );
  }

  /** The route for the request's method, or the 404/405 to throw. */
  function findRoute(method: string, match: PathMatch): Route {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const group = match.groups[0];
    if (match.groups.length === 1 && group !== undefined) {
      for (const route of group.routes) if (route.method === wanted) return route;
      throw new MethodNotAllowedError(group.allow);
    }
    // Several patterns match one path: the first declared route wins, as declared.
    const candidates = match.groups
      .flatMap((group) => group.routes)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const route = candidates.find((candidate) => candidate.method === wanted);
    if (route === undefined) throw new MethodNotAllowedError(allowOf(candidates));
    return route;
  }

  /** The route's answer; throws (synchronously or by rejecting) what `errorResponse` answers. */
  function dispatch(request: AuthRequest): Promise<AuthResponse> | AuthResponse {
    const match = matchPath(request.path);
    if (match === null) throw new NotFoundError();
    // A preflight carries no credentials and changes nothing: it is answered before CSRF and callers.
    if (request.method === 'OPTIONS') return cors.preflight(request, methodsOf(match));
    // Pages answer their errors in HTML: the hook of the path's first route, when it has one.
    const first = match.groups[0]?.routes[0];
    if (first === undefined || !('errorPage' in first)) return dispatchMatched(request, match);
    return dispatchMatched(request, match).catch((error: unknown) => first.errorPage(request, error));
  }

  async function dispatchMatched(request: AuthRequest, match: PathMatch): Promise<AuthResponse> {
    const route = findRoute(request.method, match);
    const cookies = parseCookieHeader(request.headers['cookie']);
    assertNotCrossSite(
      request,
      cookies,
      trustedOrigins,
      route.csrfWithoutCookies === true,
      publicOrigin,
      services.authCookies,
    );
    const context = {
      request,
      services,
      cookies,
      params: match.params,
      now: deps.clock.now(),
    } as RouteContext;
    // `origin` is resolved when a route reads it (the few that record or throttle by client): most
    // requests never need the client's address parsed and checked against the trusted proxies. Its
    // getter is one function for all requests, not a closure per request: see `createAuthRequest`
    // (V8 kept what such a closure reaches alive through young-generation collections).
    Object.defineProperty(context, ORIGIN, { value: null, writable: true });
    Object.defineProperty(context, 'origin', { get: readOrigin, enumerable: true, configurable: true });
    try {
      if (route.caller === 'anyone') return await route.handle(context);
      const result =
        authenticateRequestFromCache(deps, request, cookies, services.authCookies, context.now) ??
        (await authenticateRequest(deps, request, cookies, services.authCookies));
      if (result.kind !== 'authenticated') {
        return unauthenticatedResponse(result, context.now, services.authCookies);
      }
      if (route.caller === 'signed-in') {
        if (route.recentAuth === true) assertRecentAuthentication(deps, result.auth.session, context.now);
        return await route.handle(context, result);
      }
      return await route.handle(context, await findAdminActor(deps, result, context));
    } catch (error) {
      if (isCodedError(error) && problemByErrorCode[error.code].status === 503) {
        deps.observer.storeFailed(`${route.method} ${route.path}`);
      }
      throw error;
    }
  }

  function readOrigin(this: RouteContext & { [ORIGIN]: RequestOrigin | null }): RequestOrigin {
    const { request } = this;
    this[ORIGIN] ??= {
      ip: resolveClientIp(request.peerAddress, request.headers['x-forwarded-for'], trustProxy),
      userAgent: request.headers['user-agent'] ?? null,
    };
    return this[ORIGIN];
  }

  function errorResponse(request: AuthRequest, error: unknown): AuthResponse {
    if (isCodedError(error)) {
      const response = problemResponse(error);
      if (response.status >= 500) {
        logger.error('infrastructure unavailable', {
          code: error.code,
          path: request.path,
          cause: describeCause(error.cause),
        });
      }
      return response;
    }
    logger.error('unhandled error', { path: request.path, error: describeCause(error) });
    return internalErrorResponse();
  }

  const signatures = routes.map(({ method, path }): RouteSignature => ({ method, path }));
  return Object.assign(
    async function handleRequest(request: AuthRequest): Promise<AuthResponse> {
      let response: AuthResponse;
      try {
        response = await dispatch(request);
      } catch (error) {
        response = errorResponse(request, error);
      }
      if (request.method === 'HEAD') response.body = null;
      if (request.method !== 'OPTIONS' || response.status !== 204)
        cors.decorate(request.headers['origin'], response);
      return withSecurityHeaders(response);
    },
    { routes: signatures, cors },
  );
}

function allowOf(routes: readonly Route[]): string[] {
  const allow: string[] = routes.map((route) => route.method);
  return allow.includes('GET') ? [...allow, 'HEAD'] : allow;
}
