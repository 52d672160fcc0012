import type { Authenticated } from '../../account/authenticate-session-token.js';
import type { RequestOrigin } from '../../account/request-origin.js';
import type { TesseraDeps } from '../../account/tessera-deps.js';
import type { AdminActor } from '../../admin/admin-actor.js';
import type { AuthRequest, AuthResponse } from '../auth-request.js';
import type { AuthCookies } from '../auth-cookies.js';
import type { CookieMode } from '../../cookie/cookie-mode.js';
import type { OperationObject } from '../openapi/openapi-types.js';
import type { ProofKind } from '../proof-kind.js';
import type { RevocationStreams } from '../revocation-stream.js';
import type { OAuthService } from '../../oauth/create-oauth-service.js';
import type { RelyingParty } from '../../passkey/relying-party.js';

/**
 * The methods a route can declare (HEAD is answered by every GET route).
 *
 * @example
 * const methods = new Set<RouteMethod>(createAuthHandler(options).routes.map((route) => route.method));
 * methods.has('PUT'); // true: PUT /admin/users/:id/roles
 */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route. The router checks it before the route runs: `signed-in` answers 401 (and
 * clears dead cookies) without a valid proof; `admin` also answers 403 unless the stored user holds
 * the `admin` role and is enabled.
 *
 * @example
 * const rule: CallerRule = route.caller;
 * if (rule === 'admin') console.log(`${route.method} ${route.path} needs the admin role`);
 */
export type CallerRule = 'anyone' | 'signed-in' | 'admin';

/**
 * A signed-in request: who, and which proof they used.
 *
 * @example
 * handle(context: RouteContext, caller: Caller) {
 *   const body = JSON.stringify({ id: caller.auth.user.id, proof: caller.proof });
 *   return Promise.resolve({ status: 200, headers: [['content-type', 'application/json']], body });
 * }
 */
export interface Caller {
  readonly auth: Authenticated;
  readonly proof: ProofKind;
}

/**
 * What the routes are built on, made once per handler.
 *
 * @example
 * const services: RouteServices = context.services;
 * const live = await services.deps.store.countLiveSessions(context.now);
 */
export interface RouteServices {
  readonly deps: TesseraDeps;
  readonly cookieMode: CookieMode;
  readonly revocationStreams: RevocationStreams;
  /** Sign-in with other providers (DESIGN §8); `null` when none is configured. */
  readonly oauth: OAuthService | null;
  /** The WebAuthn relying party, or `null` when passkeys are off (`TESSERA_PUBLIC_URL` is an IP address). */
  readonly relyingParty: RelyingParty | null;
  /** Tessera's cookie names and scope (host-only, or shared through `TESSERA_COOKIE_DOMAIN`). */
  readonly authCookies: AuthCookies;
}

/**
 * Everything a route gets about one request.
 *
 * @example
 * async handle(context: RouteContext) {
 *   const user = await context.services.deps.store.getUserById(context.params['id'] ?? '');
 *   return { status: user === null ? 404 : 204, headers: [], body: null };
 * }
 */
export interface RouteContext {
  readonly request: AuthRequest;
  readonly services: RouteServices;
  readonly origin: RequestOrigin;
  readonly cookies: Readonly<Record<string, string>>;
  /** The values of the path's `:name` segments. */
  readonly params: Readonly<Record<string, string>>;
  readonly now: Date;
}

interface RouteBase {
  readonly method: RouteMethod;
  /** A literal path, or one with `:name` segments (each matches 1–64 of `A-Za-z0-9_-`). */
  readonly path: string;
  /**
   * The CSRF check of an unsafe method runs even when the request carries no Tessera cookie
   * (login CSRF: login and register). Otherwise it runs only for cookie-carrying requests.
   */
  readonly csrfWithoutCookies?: boolean;
  /** The route's OpenAPI operation; the document is assembled from the routes. */
  readonly openapi: OperationObject;
}

/**
 * A route anyone may call.
 *
 * @example
 * const versionRoute: PublicRoute = {
 *   method: 'GET',
 *   path: '/version',
 *   caller: 'anyone',
 *   handle: () => Promise.resolve({ status: 200, headers: [['content-type', 'application/json']], body: '{"version":"1.4.0"}' }),
 *   openapi: { operationId: 'getVersion', summary: 'The version', tags: ['operations'], security: openApiAnyone, responses: { '200': openApiJson('The version.', { type: 'object' }) } },
 * };
 */
export interface PublicRoute extends RouteBase {
  readonly caller: 'anyone';
  handle(context: RouteContext): Promise<AuthResponse>;
}

/**
 * A route for a signed-in caller (any of the three proofs).
 *
 * @example
 * const whoAmIRoute: SignedInRoute = {
 *   method: 'GET',
 *   path: '/whoami',
 *   caller: 'signed-in',
 *   handle: (_context, caller) =>
 *     Promise.resolve({ status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify({ email: caller.auth.user.email }) }),
 *   openapi: whoAmIOperation,
 * };
 */
export interface SignedInRoute extends RouteBase {
  readonly caller: 'signed-in';
  /**
   * A sensitive route (DESIGN §9): the router answers 403 `reauthentication_required` unless the
   * session authenticated within `TESSERA_REAUTH_MAX_AGE` (checked after the caller rule).
   */
  readonly recentAuth?: boolean;
  handle(context: RouteContext, caller: Caller): Promise<AuthResponse>;
}

/**
 * A route for administrators, checked against the stored user on every request.
 *
 * @example
 * const adminStatsRoute: AdminRoute = {
 *   method: 'GET',
 *   path: '/admin/stats',
 *   caller: 'admin',
 *   async handle(context, actor) {
 *     const live = await context.services.deps.store.countLiveSessions(context.now);
 *     return { status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify({ live, by: actor.userId }) };
 *   },
 *   openapi: adminStatsOperation,
 * };
 */
export interface AdminRoute extends RouteBase {
  readonly caller: 'admin';
  handle(context: RouteContext, actor: AdminActor): Promise<AuthResponse>;
}

/**
 * A route of the API document: method, path, who may call it, its OpenAPI operation and its handler.
 *
 * @example
 * const documented: readonly ApiRoute[] = [versionRoute, adminStatsRoute];
 * const paths = buildOpenApiPaths(documented);
 */
export type ApiRoute = PublicRoute | SignedInRoute | AdminRoute;

/**
 * A route anyone may call that is not part of the API document and answers its own errors: the web
 * UI's pages and form posts (HTML with their own CSP). It gets every error of the request once its
 * path matched (405, CSRF, a throwing handler); for a 405 the first route declared on the path decides.
 *
 * @example
 * const helloPage: PageRoute = {
 *   method: 'GET',
 *   path: '/hello',
 *   caller: 'anyone',
 *   handle: () => Promise.resolve({ status: 200, headers: [['content-type', 'text/html; charset=utf-8']], body: '<p>Hello</p>' }),
 *   errorPage: (_request, error) => ({ status: 500, headers: [['content-type', 'text/plain']], body: String(error) }),
 * };
 */
export interface PageRoute extends Omit<RouteBase, 'openapi'> {
  readonly caller: 'anyone';
  handle(context: RouteContext): Promise<AuthResponse>;
  /** The answer to an error on this path, instead of problem+json. It must not throw. */
  errorPage(request: AuthRequest, error: unknown): AuthResponse;
}

/**
 * One route the router serves: an API route, or a page of the web UI.
 *
 * @example
 * const extraRoutes: readonly Route[] = [versionRoute, adminStatsRoute, helloPage];
 * const handle = createAuthHandler({ ...options, extraRoutes });
 */
export type Route = ApiRoute | PageRoute;

/**
 * Handles one request of the HTTP contract (DESIGN §3) and never rejects.
 *
 * @example
 * const handle: AuthHandler = createAuthHandler(options);
 * const { status, headers, body } = await handle(request);
 */
export type AuthHandler = (request: AuthRequest) => Promise<AuthResponse>;

/**
 * One route a handler serves: the method and the path pattern (`:id` marks a path parameter).
 *
 * @example
 * const signatures: readonly RouteSignature[] = createAuthHandler(options).routes;
 * signatures.some((route) => route.method === 'GET' && route.path === '/admin/users/:id'); // true
 */
export interface RouteSignature {
  method: RouteMethod;
  path: string;
}

/**
 * A handler that can tell which routes it serves (adapters and the OpenAPI drift test ask it).
 *
 * @example
 * const table: RouteTable = createAuthHandler(options);
 * const served = table.routes.map((route) => `${route.method} ${route.path}`); // ['POST /auth/register', …]
 */
export interface RouteTable {
  readonly routes: readonly RouteSignature[];
}
