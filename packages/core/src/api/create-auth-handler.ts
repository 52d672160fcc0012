import {
  changePassword,
  loginWithPassword,
  refreshSession,
  registerUser,
  revokeSessions,
  revokeUserSessions,
  type Authenticated,
  type RequestOrigin,
  type TesseraDeps,
} from '../account/index.js';
import { resolveClientIp, type TrustProxy } from '../client-ip/index.js';
import { findRepeatedCookieNames, parseCookieHeader } from '../cookie/index.js';
import {
  InvalidRefreshTokenError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  SessionNotFoundError,
  TesseraError,
  UnauthenticatedError,
} from '../errors.js';
import type { Logger } from '../logger.js';
import { listUserSessions, sessionExpiresAt } from '../session/index.js';
import type { SessionRecord, SessionTransport, UserRecord } from '../store.js';
import { rotateSessionCookieSecret } from '../account/rotate-session-cookie-secret.js';
import {
  ACCESS_COOKIE_NAME,
  AUTH_COOKIES,
  createAccessCookie,
  createBlankCookies,
  createRefreshCookie,
  createSessionCookie,
  REFRESH_COOKIE_NAME,
} from './auth-cookies.js';
import type { AuthRequest, AuthResponse } from './auth-request.js';
import { authenticateRequest, type ProofKind } from './authenticate-request.js';
import { createAdminRoutes } from './create-admin-routes.js';
import { internalErrorResponse, isCodedError, problemByErrorCode, problemResponse } from './problem.js';
import { toPublicDevice, toPublicSession, toPublicUser } from './public-shapes.js';
import { serializeCallerBody } from './serialize-caller-body.js';
import { readJsonBody, readOptionalStringField, readStringField, type JsonObject } from './read-json-body.js';
import { createRevocationStreams, type RevocationStreamLimits } from './revocation-stream.js';
import { withSecurityHeaders } from './security-headers.js';
import { assertNotCrossSite, slidingCookies, unauthenticatedResponse } from './request-guards.js';

/** What the HTTP API needs besides the engine's dependencies. */
export interface AuthHandlerOptions {
  deps: TesseraDeps;
  /** `TESSERA_COOKIE_MODE`: browsers get a session cookie, or an access JWT + refresh token in cookies. */
  cookieMode: 'session' | 'jwt';
  /** Origins allowed to make cookie-authenticated unsafe requests (`TESSERA_TRUSTED_ORIGINS`). */
  trustedOrigins: ReadonlySet<string>;
  /**
   * The origin of `TESSERA_PUBLIC_URL` when it is set: then it is exactly the server's own origin in
   * the CSRF check, scheme included. Unset (`null`, development), an `Origin` matching `Host` counts.
   */
  publicOrigin?: string | null;
  trustProxy: TrustProxy;
  logger: Logger;
  /** Bounds of `/auth/revocations` in this process (defaults: 1,000 subscribers, 1,000 pending events each). */
  revocationStreams?: RevocationStreamLimits;
}

/** Handles one request of the HTTP contract (DESIGN §3) and never rejects. */
export type AuthHandler = (request: AuthRequest) => Promise<AuthResponse>;

/** One route a handler serves: the method and the path pattern (`:id` marks a path parameter). */
export interface RouteSignature {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
}

/** A handler that can tell which routes it serves (the OpenAPI drift test compares against it). */
export interface RouteTable {
  readonly routes: readonly RouteSignature[];
}

/** Everything a route handler gets. */
interface RouteContext {
  request: AuthRequest;
  origin: RequestOrigin;
  cookies: Record<string, string>;
  params: Record<string, string>;
  now: Date;
}

/** A signed-in request: who, and which proof they used. */
interface Caller {
  auth: Authenticated;
  proof: ProofKind;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A literal path, or one with a single `:id` segment (anywhere). */
  path: string;
  /** Login and register pass the CSRF check even without cookies (login CSRF). */
  csrfAlways: boolean;
  handle(context: RouteContext): Promise<AuthResponse>;
}

const PATH_PARAM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The JWKS may be cached this long (the same lead a rotated-in key gets before it signs). */
const JWKS_MAX_AGE_SECONDS = 300;

/**
 * Builds the request handler of the auth API: routing, CSRF, authentication by any of the three
 * proofs, problem+json errors and security headers, over the framework-agnostic request view.
 * Adapters only translate.
 *
 * @example
 * const handle = createAuthHandler({ deps, cookieMode: 'session', trustedOrigins, trustProxy, logger });
 * const response = await handle({ method: 'GET', path: '/auth/me', headers, body: new Uint8Array(), peerAddress, signal });
 */
export function createAuthHandler(options: AuthHandlerOptions): AuthHandler & RouteTable {
  const { deps, cookieMode, trustedOrigins, trustProxy, logger } = options;
  const publicOrigin = options.publicOrigin ?? null;
  const revocationStreams = createRevocationStreams(
    deps.revocationFeed,
    deps.clock,
    options.revocationStreams,
  );

  /** The caller, or the 401 to answer with (clearing cookies that can no longer work). */
  async function requireCaller(context: RouteContext): Promise<Caller | AuthResponse> {
    const result = await authenticateRequest(deps, context.request, context.cookies);
    if (result.kind === 'authenticated') return { auth: result.auth, proof: result.proof };
    return unauthenticatedResponse(result, context.now);
  }

  /** Re-sends the session cookie when the session's expiry moved. */
  function withSlidingCookie(response: AuthResponse, caller: Caller, context: RouteContext): AuthResponse {
    appendCookies(response, slidingCookies(caller.auth, caller.proof, context.cookies, context.now));
    return response;
  }

  /** The answer to a successful login, register or refresh, shaped by the session's transport. */
  async function signedIn(
    status: number,
    context: RouteContext,
    signIn: { user: UserRecord; session: SessionRecord; token: string | null; refreshToken: string | null },
  ): Promise<AuthResponse> {
    const { user, session, token, refreshToken } = signIn;
    const body: Record<string, unknown> = { user: toPublicUser(user), session: toPublicSession(session) };
    const cookies: string[] = [];
    const expiresAt = sessionExpiresAt(session);
    if (session.transport === 'cookie' && token !== null) {
      cookies.push(createSessionCookie(token, expiresAt, context.now));
    } else if (refreshToken !== null) {
      const access = await deps.tokens.issueAccessToken(user, session);
      if (session.transport === 'bearer') {
        Object.assign(body, {
          access_token: access.token,
          token_type: 'Bearer',
          expires_in: access.expiresInSeconds,
          refresh_token: refreshToken,
        });
      } else {
        cookies.push(
          createAccessCookie(access.token, access.expiresInSeconds, context.now),
          createRefreshCookie(refreshToken, expiresAt, context.now),
        );
      }
    }
    const response = json(status, body);
    appendCookies(response, cookies);
    return response;
  }

  /** Register and login share their input and their answer. */
  async function signIn(context: RouteContext, action: typeof loginWithPassword, status: number) {
    const body = readJsonBody(context.request);
    const email = readStringField(body, 'email');
    const password = readStringField(body, 'password');
    const transport = readTransport(body, cookieMode);
    const current = await authenticateRequest(deps, context.request, context.cookies);
    const created = await action(deps, {
      email,
      password,
      transport,
      presentedSession: current.kind === 'authenticated' ? current.auth.session : null,
      origin: context.origin,
    });
    const response = await signedIn(status, context, created);
    // Switching transports leaves no stale cookie of the replaced session behind.
    if (transport !== 'jwt-cookie' && current.kind === 'authenticated' && current.proof !== 'bearer') {
      appendCookies(response, createBlankCookies(context.now, [ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME]));
    }
    return response;
  }

  /** Ends the caller's session: 204 and, for browsers, every cookie cleared. */
  function signedOut(caller: Caller, now: Date): AuthResponse {
    const response = empty(204);
    if (caller.proof !== 'bearer') appendCookies(response, createBlankCookies(now, AUTH_COOKIES));
    return response;
  }

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/auth/register',
      csrfAlways: true,
      handle: (context) => signIn(context, registerUser, 201),
    },
    {
      method: 'POST',
      path: '/auth/login',
      csrfAlways: true,
      handle: (context) => signIn(context, loginWithPassword, 200),
    },
    {
      method: 'POST',
      path: '/auth/refresh',
      csrfAlways: false,
      async handle(context) {
        const fromBody =
          context.request.body.length > 0
            ? readOptionalStringField(readJsonBody(context.request), 'refresh_token')
            : null;
        const presented = fromBody ?? context.cookies[REFRESH_COOKIE_NAME] ?? null;
        // Two values of one of our cookies (cookie tossing, DESIGN §3.2): neither is used, nothing rotates.
        const tossed = findRepeatedCookieNames(context.request.headers['cookie'], AUTH_COOKIES).length > 0;
        if (!tossed && (presented === null || presented === ''))
          throw new UnauthenticatedError('Send a refresh token.');
        try {
          if (tossed || presented === null) throw new InvalidRefreshTokenError();
          const refreshed = await refreshSession(deps, presented, context.origin);
          deps.observer.refreshed('success');
          return await signedIn(200, context, { ...refreshed, token: null });
        } catch (error) {
          // Reuse is reported where it is detected (with its audit event).
          if (error instanceof InvalidRefreshTokenError) deps.observer.refreshed('invalid');
          // A refresh cookie that failed is dead: clear it so the browser stops sending it.
          if ((fromBody === null || tossed) && error instanceof TesseraError) {
            const response = problemResponse(error, true);
            const cleared = tossed ? AUTH_COOKIES : [ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME];
            appendCookies(response, createBlankCookies(context.now, cleared));
            return response;
          }
          if (error instanceof TesseraError) return problemResponse(error, true);
          throw error;
        }
      },
    },
    {
      method: 'POST',
      path: '/auth/logout',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        await revokeSessions(deps, [caller.auth.session.id], {
          userId: caller.auth.user.id,
          reason: 'logout',
          actorSessionId: caller.auth.session.id,
          origin: context.origin,
        });
        return signedOut(caller, context.now);
      },
    },
    {
      method: 'POST',
      path: '/auth/logout-all',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        await revokeUserSessions(deps, null, {
          userId: caller.auth.user.id,
          reason: 'logout-all',
          actorSessionId: caller.auth.session.id,
          origin: context.origin,
        });
        return signedOut(caller, context.now);
      },
    },
    {
      method: 'GET',
      path: '/auth/me',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        const response: AuthResponse = {
          status: 200,
          headers: [['content-type', JSON_CONTENT_TYPE]],
          body: serializeCallerBody(caller.auth.user, caller.auth.session),
        };
        return withSlidingCookie(response, caller, context);
      },
    },
    {
      method: 'GET',
      path: '/auth/sessions',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        const sessions = await listUserSessions(deps, caller.auth.user.id);
        const response = json(200, {
          sessions: sessions.map((s) => toPublicDevice(s, caller.auth.session.id)),
        });
        return withSlidingCookie(response, caller, context);
      },
    },
    {
      method: 'DELETE',
      path: '/auth/sessions/:id',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        const sessionId = context.params['id'] ?? '';
        const own = await listUserSessions(deps, caller.auth.user.id);
        // Another user's session and a missing one answer the same 404: ids are not probeable.
        if (!own.some((session) => session.id === sessionId)) throw new SessionNotFoundError();
        const isCurrent = sessionId === caller.auth.session.id;
        await revokeSessions(deps, [sessionId], {
          userId: caller.auth.user.id,
          reason: isCurrent ? 'logout' : 'device-removed',
          actorSessionId: caller.auth.session.id,
          origin: context.origin,
        });
        return isCurrent ? signedOut(caller, context.now) : withSlidingCookie(empty(204), caller, context);
      },
    },
    {
      method: 'POST',
      path: '/auth/password',
      csrfAlways: false,
      async handle(context) {
        const caller = await requireCaller(context);
        if (isResponse(caller)) return caller;
        const body = readJsonBody(context.request);
        const { user, session } = caller.auth;
        const changed = await changePassword(deps, {
          user,
          session,
          currentPassword: readStringField(body, 'currentPassword'),
          newPassword: readStringField(body, 'newPassword'),
          origin: context.origin,
        });
        // The current device stays signed in with fresh credentials. The old refresh token is dead
        // (a thief's copy with it), so a bearer client gets the new one in a 200 login-shaped body
        // instead of the 204 (docs/decisions/0021-password-change-bearer.md).
        if (caller.proof === 'bearer' && changed.refreshToken !== null) {
          return signedIn(200, context, { user, session, token: null, refreshToken: changed.refreshToken });
        }
        const response = empty(204);
        if (caller.proof === 'session-cookie') {
          const token = await rotateSessionCookieSecret(deps, session.id);
          appendCookies(response, [createSessionCookie(token, sessionExpiresAt(session), context.now)]);
        } else if (caller.proof === 'access-cookie' && changed.refreshToken !== null) {
          const access = await deps.tokens.issueAccessToken(user, session);
          appendCookies(response, [
            createAccessCookie(access.token, access.expiresInSeconds, context.now),
            createRefreshCookie(changed.refreshToken, sessionExpiresAt(session), context.now),
          ]);
        }
        return response;
      },
    },
    {
      method: 'GET',
      path: '/auth/revocations',
      csrfAlways: false,
      async handle(context) {
        const { request } = context;
        // Opened before answering: a bad cursor, a failing store or a full house is a problem
        // response, never an error inside a stream whose headers went out (issue 11).
        const opened = await revocationStreams.open(request.headers['last-event-id'] ?? null, request.signal);
        const response: AuthResponse = {
          status: 200,
          headers: [
            ['content-type', 'text/event-stream; charset=utf-8'],
            ['x-accel-buffering', 'no'],
          ],
          body: null,
        };
        if (request.method === 'HEAD') opened.close();
        else Object.assign(response, { stream: opened.stream, streamDropped: opened.dropped });
        return response;
      },
    },
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      csrfAlways: false,
      handle(context) {
        const response = json(200, deps.tokens.keyRing.jwks(context.now));
        response.headers.push(
          ['cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`],
          // Public keys are meant to be fetched from anywhere, browsers included.
          ['access-control-allow-origin', '*'],
          ['cross-origin-resource-policy', 'cross-origin'],
        );
        return Promise.resolve(response);
      },
    },
    {
      // Liveness: the process answers. No store, no auth (readiness is /healthz).
      method: 'GET',
      path: '/livez',
      csrfAlways: false,
      handle: () => Promise.resolve(json(200, { status: 'ok' })),
    },
    {
      method: 'GET',
      path: '/healthz',
      csrfAlways: false,
      async handle() {
        await deps.store.ping();
        return json(200, { status: 'ok' });
      },
    },
    ...createAdminRoutes({ deps, requireCaller }),
  ];

  // Literal paths are looked up, not scanned: routing runs on every request.
  const literalRoutes = new Map<string, Route[]>();
  for (const route of routes) {
    if (route.path.includes(':')) continue;
    const list = literalRoutes.get(route.path);
    if (list === undefined) literalRoutes.set(route.path, [route]);
    else list.push(route);
  }
  const paramRoutes = routes.filter((route) => route.path.includes(':'));
  const NO_PARAMS: Record<string, string> = Object.freeze({});

  /** The routes whose path matches, in the order of `routes`. */
  function findCandidates(path: string): { route: Route; params: Record<string, string> }[] {
    const candidates = (literalRoutes.get(path) ?? []).map((route) => ({ route, params: NO_PARAMS }));
    for (const route of paramRoutes) {
      const params = matchPath(route.path, path);
      if (params !== null) candidates.push({ route, params });
    }
    if (candidates.length > 1) candidates.sort((a, b) => routes.indexOf(a.route) - routes.indexOf(b.route));
    return candidates;
  }

  async function dispatch(request: AuthRequest): Promise<AuthResponse> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const candidates = findCandidates(request.path);
    if (candidates.length === 0) throw new NotFoundError();
    const match = candidates.find((candidate) => candidate.route.method === method);
    if (match === undefined) {
      const allow = candidates.map((candidate) => candidate.route.method);
      throw new MethodNotAllowedError(allow.includes('GET') ? [...allow, 'HEAD'] : allow);
    }
    const cookies = parseCookieHeader(request.headers['cookie']);
    assertNotCrossSite(request, cookies, trustedOrigins, match.route.csrfAlways, publicOrigin);
    const origin: RequestOrigin = {
      ip: resolveClientIp(request.peerAddress, request.headers['x-forwarded-for'], trustProxy),
      userAgent: request.headers['user-agent'] ?? null,
    };
    try {
      return await match.route.handle({
        request,
        origin,
        cookies,
        params: match.params,
        now: deps.clock.now(),
      });
    } catch (error) {
      if (isCodedError(error) && problemByErrorCode[error.code].status === 503) {
        deps.observer.storeFailed(`${match.route.method} ${match.route.path}`);
      }
      throw error;
    }
  }

  const routeSignatures = routes.map(({ method, path }): RouteSignature => ({ method, path }));
  return Object.assign(
    async function handleAuthRequest(request: AuthRequest): Promise<AuthResponse> {
      let response: AuthResponse;
      try {
        response = await dispatch(request);
      } catch (error) {
        if (isCodedError(error)) {
          response = problemResponse(error);
          if (response.status >= 500) {
            logger.error('infrastructure unavailable', {
              code: error.code,
              path: request.path,
              cause: describeCause(error.cause),
            });
          }
        } else {
          logger.error('unhandled error', { path: request.path, error: describeCause(error) });
          response = internalErrorResponse();
        }
      }
      if (request.method === 'HEAD') response.body = null;
      return withSecurityHeaders(response);
    },
    { routes: routeSignatures },
  );
}

function readTransport(body: JsonObject, cookieMode: 'session' | 'jwt'): SessionTransport {
  const transport = readOptionalStringField(body, 'transport') ?? 'cookie';
  if (transport === 'bearer') return 'bearer';
  if (transport === 'cookie') return cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie';
  throw new InvalidRequestError('"transport" must be "cookie" or "bearer".');
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const paramIndex = pattern.indexOf(':');
  if (paramIndex === -1) return pattern === path ? {} : null;
  const prefix = pattern.slice(0, paramIndex);
  const nameEnd = pattern.indexOf('/', paramIndex);
  const suffix = nameEnd === -1 ? '' : pattern.slice(nameEnd);
  if (!path.startsWith(prefix) || !path.endsWith(suffix)) return null;
  const value = path.slice(prefix.length, path.length - suffix.length);
  const name = pattern.slice(paramIndex + 1, nameEnd === -1 ? undefined : nameEnd);
  return PATH_PARAM_PATTERN.test(value) ? { [name]: value } : null;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function json(status: number, body: unknown): AuthResponse {
  return {
    status,
    headers: [['content-type', JSON_CONTENT_TYPE]],
    body: JSON.stringify(body),
  };
}

function empty(status: number): AuthResponse {
  return { status, headers: [], body: null };
}

function appendCookies(response: AuthResponse, cookies: readonly string[]): void {
  for (const cookie of cookies) response.headers.push(['set-cookie', cookie]);
}

function isResponse(value: Caller | AuthResponse): value is AuthResponse {
  return 'status' in value;
}

/**
 * An error's class, code and call sites for the log. The message is left out: a driver or parser
 * message can quote the input that caused it, and input may be a password.
 */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [typeof code === 'string' ? `${error.name} ${code}` : error.name, ...frames.slice(0, 8)].join('\n');
}
