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

/** The methods a route can declare (HEAD is answered by every GET route). */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route. The router checks it before the route runs: `signed-in` answers 401 (and
 * clears dead cookies) without a valid proof; `admin` also answers 403 unless the stored user holds
 * the `admin` role and is enabled.
 */
export type CallerRule = 'anyone' | 'signed-in' | 'admin';

/** A signed-in request: who, and which proof they used. */
export interface Caller {
  readonly auth: Authenticated;
  readonly proof: ProofKind;
}

/** What the routes are built on, made once per handler. */
export interface RouteServices {
  readonly deps: TesseraDeps;
  readonly cookieMode: CookieMode;
  readonly revocationStreams: RevocationStreams;
  /** Tessera's cookie names and scope (host-only, or shared through `TESSERA_COOKIE_DOMAIN`). */
  readonly authCookies: AuthCookies;
}

/** Everything a route gets about one request. */
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

/** A route anyone may call. */
export interface PublicRoute extends RouteBase {
  readonly caller: 'anyone';
  handle(context: RouteContext): Promise<AuthResponse>;
}

/** A route for a signed-in caller (any of the three proofs). */
export interface SignedInRoute extends RouteBase {
  readonly caller: 'signed-in';
  handle(context: RouteContext, caller: Caller): Promise<AuthResponse>;
}

/** A route for administrators, checked against the stored user on every request. */
export interface AdminRoute extends RouteBase {
  readonly caller: 'admin';
  handle(context: RouteContext, actor: AdminActor): Promise<AuthResponse>;
}

/** One route: method, path, who may call it, its OpenAPI operation and its handler. */
export type Route = PublicRoute | SignedInRoute | AdminRoute;

/** Handles one request of the HTTP contract (DESIGN §3) and never rejects. */
export type AuthHandler = (request: AuthRequest) => Promise<AuthResponse>;

/** One route a handler serves: the method and the path pattern (`:id` marks a path parameter). */
export interface RouteSignature {
  method: RouteMethod;
  path: string;
}

/** A handler that can tell which routes it serves (adapters and the OpenAPI drift test ask it). */
export interface RouteTable {
  readonly routes: readonly RouteSignature[];
}
