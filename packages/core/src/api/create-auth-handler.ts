import {
  authenticateSessionToken,
  changePassword,
  loginWithPassword,
  registerUser,
  revokeSessions,
  revokeUserSessions,
  type Authenticated,
  type RequestOrigin,
  type TesseraDeps,
} from '../account/index.js';
import { resolveClientIp, type TrustProxy } from '../client-ip/index.js';
import { parseCookieHeader } from '../cookie/index.js';
import { isCrossSiteRequest } from '../csrf/index.js';
import {
  CsrfRejectedError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  SessionNotFoundError,
  TesseraError,
  UnauthenticatedError,
} from '../errors.js';
import type { Logger } from '../logger.js';
import { listUserSessions, sessionExpiresAt } from '../session/index.js';
import type { SessionTransport } from '../store.js';
import type { AuthRequest, AuthResponse } from './auth-request.js';
import { internalErrorResponse, problemResponse, wwwAuthenticate } from './problem.js';
import { toPublicDevice, toPublicSession, toPublicUser } from './public-shapes.js';
import { readJsonBody, readOptionalStringField, readStringField, type JsonObject } from './read-json-body.js';
import { withSecurityHeaders } from './security-headers.js';
import { createBlankSessionCookie, createSessionCookie, SESSION_COOKIE_NAME } from './session-cookie.js';

/** What the HTTP API needs besides the engine's dependencies. */
export interface AuthHandlerOptions {
  deps: TesseraDeps;
  /** Origins allowed to make cookie-authenticated unsafe requests (`TESSERA_TRUSTED_ORIGINS`). */
  trustedOrigins: ReadonlySet<string>;
  trustProxy: TrustProxy;
  logger: Logger;
}

/** Handles one request of the HTTP contract (DESIGN §3) and never rejects. */
export type AuthHandler = (request: AuthRequest) => Promise<AuthResponse>;

/** Everything a route handler gets. */
interface RouteContext {
  request: AuthRequest;
  origin: RequestOrigin;
  cookies: Record<string, string>;
  params: Record<string, string>;
  now: Date;
}

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** A literal path, or one with a single `:id` segment. */
  path: string;
  /** Unsafe requests carrying cookies, and login/register always, pass the CSRF check first. */
  csrfAlways: boolean;
  handle(context: RouteContext): Promise<AuthResponse>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PATH_PARAM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Builds the request handler of the auth API: routing, CSRF, authentication, problem+json errors
 * and security headers, over the framework-agnostic request view. Adapters only translate.
 *
 * @example
 * const handle = createAuthHandler({ deps, trustedOrigins, trustProxy, logger });
 * const response = await handle({ method: 'GET', path: '/auth/me', headers, body: new Uint8Array(), peerAddress });
 */
export function createAuthHandler(options: AuthHandlerOptions): AuthHandler {
  const { deps, trustedOrigins, trustProxy, logger } = options;

  /** Resolves the session cookie; `presented` says whether the client sent one at all. */
  async function authenticate(
    context: RouteContext,
  ): Promise<{ auth: Authenticated | null; presented: boolean }> {
    const token = context.cookies[SESSION_COOKIE_NAME];
    if (token === undefined || token === '') return { auth: null, presented: false };
    return { auth: await authenticateSessionToken(deps, token), presented: true };
  }

  /** The caller's session, or a 401 that also clears a dead cookie. */
  async function requireAuth(context: RouteContext): Promise<Authenticated | AuthResponse> {
    const bearer = context.request.headers['authorization'];
    const { auth, presented } = await authenticate(context);
    if (auth !== null) return auth;
    const response = problemResponse(new UnauthenticatedError());
    if (bearer !== undefined) replaceHeader(response, 'www-authenticate', wwwAuthenticate(true));
    if (presented) response.headers.push(['set-cookie', createBlankSessionCookie(context.now)]);
    return response;
  }

  /** Adds the refreshed cookie when the session's expiry moved. */
  function withSessionCookie(
    response: AuthResponse,
    auth: Authenticated,
    context: RouteContext,
  ): AuthResponse {
    if (auth.refreshed && auth.session.transport === 'cookie') {
      response.headers.push(['set-cookie', sessionCookieFor(auth, context)]);
    }
    return response;
  }

  function sessionCookieFor(
    auth: Pick<Authenticated, 'session'> & { token?: string },
    context: RouteContext,
  ) {
    const token = auth.token ?? context.cookies[SESSION_COOKIE_NAME] ?? '';
    return createSessionCookie(token, sessionExpiresAt(auth.session), context.now);
  }

  /** Register and login share their input and their answer. */
  async function signIn(context: RouteContext, action: typeof loginWithPassword, status: number) {
    const body = readJsonBody(context.request);
    const email = readStringField(body, 'email');
    const password = readStringField(body, 'password');
    const transport = readTransport(body);
    const { auth } = await authenticate(context);
    const signedIn = await action(deps, {
      email,
      password,
      transport,
      presentedSession: auth?.session ?? null,
      origin: context.origin,
    });
    const response = json(status, {
      user: toPublicUser(signedIn.user),
      session: toPublicSession(signedIn.session),
    });
    response.headers.push([
      'set-cookie',
      createSessionCookie(signedIn.token, sessionExpiresAt(signedIn.session), context.now),
    ]);
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
      path: '/auth/logout',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        await revokeSessions(deps, [auth.session.id], {
          userId: auth.user.id,
          reason: 'logout',
          actorSessionId: auth.session.id,
          origin: context.origin,
        });
        return signedOut(context.now);
      },
    },
    {
      method: 'POST',
      path: '/auth/logout-all',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        await revokeUserSessions(deps, null, {
          userId: auth.user.id,
          reason: 'logout-all',
          actorSessionId: auth.session.id,
          origin: context.origin,
        });
        return signedOut(context.now);
      },
    },
    {
      method: 'GET',
      path: '/auth/me',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        const response = json(200, { user: toPublicUser(auth.user), session: toPublicSession(auth.session) });
        return withSessionCookie(response, auth, context);
      },
    },
    {
      method: 'GET',
      path: '/auth/sessions',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        const sessions = await listUserSessions(deps, auth.user.id);
        const response = json(200, { sessions: sessions.map((s) => toPublicDevice(s, auth.session.id)) });
        return withSessionCookie(response, auth, context);
      },
    },
    {
      method: 'DELETE',
      path: '/auth/sessions/:id',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        const sessionId = context.params['id'] ?? '';
        const own = await listUserSessions(deps, auth.user.id);
        // Another user's session and a missing one answer the same 404: ids are not probeable.
        if (!own.some((session) => session.id === sessionId)) throw new SessionNotFoundError();
        const isCurrent = sessionId === auth.session.id;
        await revokeSessions(deps, [sessionId], {
          userId: auth.user.id,
          reason: isCurrent ? 'logout' : 'device-removed',
          actorSessionId: auth.session.id,
          origin: context.origin,
        });
        return isCurrent ? signedOut(context.now) : withSessionCookie(empty(204), auth, context);
      },
    },
    {
      method: 'POST',
      path: '/auth/password',
      csrfAlways: false,
      async handle(context) {
        const auth = await requireAuth(context);
        if (isResponse(auth)) return auth;
        const body = readJsonBody(context.request);
        const token = await changePassword(deps, {
          user: auth.user,
          session: auth.session,
          currentPassword: readStringField(body, 'currentPassword'),
          newPassword: readStringField(body, 'newPassword'),
          origin: context.origin,
        });
        const response = empty(204);
        if (auth.session.transport === 'cookie') {
          response.headers.push(['set-cookie', sessionCookieFor({ session: auth.session, token }, context)]);
        }
        return response;
      },
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
  ];

  async function dispatch(request: AuthRequest): Promise<AuthResponse> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const candidates = routes
      .map((route) => ({ route, params: matchPath(route.path, request.path) }))
      .filter((match): match is { route: Route; params: Record<string, string> } => match.params !== null);
    if (candidates.length === 0) throw new NotFoundError();
    const match = candidates.find((candidate) => candidate.route.method === method);
    if (match === undefined) {
      const allow = candidates.map((candidate) => candidate.route.method);
      throw new MethodNotAllowedError(allow.includes('GET') ? [...allow, 'HEAD'] : allow);
    }
    const cookies = parseCookieHeader(request.headers['cookie']);
    const carriesSessionCookie = cookies[SESSION_COOKIE_NAME] !== undefined;
    if (UNSAFE_METHODS.has(method) && (match.route.csrfAlways || carriesSessionCookie)) {
      const crossSite = isCrossSiteRequest(
        {
          origin: request.headers['origin'] ?? null,
          secFetchSite: request.headers['sec-fetch-site'] ?? null,
          host: request.headers['host'] ?? null,
        },
        trustedOrigins,
      );
      if (crossSite) throw new CsrfRejectedError();
    }
    const origin: RequestOrigin = {
      ip: resolveClientIp(request.peerAddress, request.headers['x-forwarded-for'], trustProxy),
      userAgent: request.headers['user-agent'] ?? null,
    };
    return match.route.handle({ request, origin, cookies, params: match.params, now: deps.clock.now() });
  }

  return async function handleAuthRequest(request) {
    let response: AuthResponse;
    try {
      response = await dispatch(request);
    } catch (error) {
      if (error instanceof TesseraError) {
        response = problemResponse(error);
        if (error.code === 'ERR_STORE_UNAVAILABLE') {
          logger.error('store unavailable', { path: request.path, cause: describeCause(error.cause) });
        }
      } else {
        logger.error('unhandled error', { path: request.path, error: describeCause(error) });
        response = internalErrorResponse();
      }
    }
    if (request.method === 'HEAD') response.body = null;
    return withSecurityHeaders(response);
  };
}

function readTransport(body: JsonObject): SessionTransport {
  const transport = readOptionalStringField(body, 'transport') ?? 'cookie';
  if (transport === 'cookie') return 'cookie';
  throw new InvalidRequestError('"transport" must be "cookie".');
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const paramIndex = pattern.indexOf(':');
  if (paramIndex === -1) return pattern === path ? {} : null;
  const prefix = pattern.slice(0, paramIndex);
  if (!path.startsWith(prefix)) return null;
  const value = path.slice(prefix.length);
  return PATH_PARAM_PATTERN.test(value) ? { [pattern.slice(paramIndex + 1)]: value } : null;
}

function json(status: number, body: unknown): AuthResponse {
  return {
    status,
    headers: [['content-type', 'application/json; charset=utf-8']],
    body: JSON.stringify(body),
  };
}

function empty(status: number): AuthResponse {
  return { status, headers: [], body: null };
}

function signedOut(now: Date): AuthResponse {
  const response = empty(204);
  response.headers.push(['set-cookie', createBlankSessionCookie(now)]);
  return response;
}

function isResponse(value: Authenticated | AuthResponse): value is AuthResponse {
  return 'status' in value;
}

function replaceHeader(response: AuthResponse, name: string, value: string): void {
  response.headers = response.headers.filter(([header]) => header !== name);
  response.headers.push([name, value]);
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
