// Over 200 lines: one factory whose methods are the whole Next.js surface (route handlers, getAuth,
// route protection, the proxy, the actions); they share the per-process instance and two helpers.
import { UnauthenticatedError, type AuthResponse } from '@tessera/core';
import { problemResponse, withSecurityHeaders } from '@tessera/core/api';
import {
  createFetchAuthRequest,
  createFetchHandler,
  isTesseraPath,
  toRequestAuth,
  type RequestAuth,
  type TesseraHttp,
} from '@tessera/http/fetch';
import { cookies, headers } from 'next/headers.js';
import { parseSetCookie } from './parse-set-cookie.js';

/**
 * Options of `createTesseraNext`.
 *
 * @example
 * const options: TesseraNextOptions = { create: () => createTessera(), signInPath: '/login' };
 */
export interface TesseraNextOptions {
  /**
   * Builds Tessera once per server process, on first use (`createTesseraHttp` over your store and
   * `createTesseraDeps`). Kept on `globalThis` under `name`: Next.js may load this module once per
   * route bundle, and every bundle must share one engine and one revocation set.
   */
  create: () => Promise<TesseraHttp>;
  /** Where `proxy()` sends a visitor who is not signed in; default `/login`. */
  signInPath?: string;
  /** Tells several Tessera instances of one app apart; default `default`. */
  name?: string;
}

/**
 * Who is signed in: the public user and session, and the proof used (`session-cookie`,
 * `access-cookie`, `bearer`). The same shape the other adapters put on `req.auth`.
 *
 * @example
 * const auth: NextAuth | null = await tessera.getAuth();
 */
export type NextAuth = RequestAuth;

/**
 * What a sign-in action resolves to: signed in, or Tessera's problem `code` (`invalid_credentials`,
 * `rate_limited`, `csrf_rejected`, `invalid_request`, …) to show.
 *
 * @example
 * const result: SignInResult = await tessera.signIn({ email, password });
 */
export type SignInResult = { ok: true; auth: NextAuth } | { ok: false; status: number; code: string };

/**
 * Route handler exports for `app/auth/[...tessera]/route.ts`.
 *
 * @example
 * const handlers: TesseraRouteHandlers = tessera.handlers;
 * export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = handlers; // app/auth/[...tessera]/route.ts
 */
export interface TesseraRouteHandlers {
  GET: (request: Request) => Promise<Response>;
  HEAD: (request: Request) => Promise<Response>;
  POST: (request: Request) => Promise<Response>;
  PUT: (request: Request) => Promise<Response>;
  DELETE: (request: Request) => Promise<Response>;
  OPTIONS: (request: Request) => Promise<Response>;
}

/**
 * Tessera for the Next.js App Router (see `createTesseraNext`).
 *
 * @example
 * export const { GET, POST, OPTIONS } = tessera.handlers; // app/auth/[...tessera]/route.ts
 */
export interface TesseraNext {
  /** Serves every Tessera route under `app/auth/[...tessera]/route.ts` (export them all). */
  readonly handlers: TesseraRouteHandlers;
  /**
   * Who is signed in, for server components, route handlers and server actions: read from
   * `next/headers` (or from `request` when given). Jwt cookie mode verifies the access cookie in
   * process (signature, claims, the revocation set the feed keeps current); session mode reads the
   * session store through its cache. `null` when nobody is, or the proof was refused.
   */
  getAuth(request?: Request): Promise<NextAuth | null>;
  /** A route handler for signed-in callers only: others get Tessera's 401 (or 403 CSRF) problem. */
  withAuth(
    handler: (request: Request, auth: NextAuth) => Promise<Response> | Response,
  ): (request: Request) => Promise<Response>;
  /**
   * For `proxy.ts` (`middleware.ts` before Next.js 16): requests under `prefixes` without a valid
   * sign-in are redirected to `signInPath?next=<path>`; everything else passes (`undefined`).
   */
  proxy(prefixes: readonly string[]): (request: Request) => Promise<Response | undefined>;
  /** For a server action: `POST /auth/login` as this browser, cookies set on success. */
  signIn(credentials: { email: string; password: string }): Promise<SignInResult>;
  /** For a server action: `POST /auth/logout` (or `/auth/logout-all`), cookies cleared. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  /**
   * Calls one of Tessera's routes as this browser (server components and actions), e.g.
   * `GET /auth/sessions` for a device list. Cookies it sets are applied where Next.js allows it.
   */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

/**
 * Tessera for the Next.js App Router (15 and 16): route handlers for Tessera's routes, `getAuth()`,
 * `withAuth()` for route handlers, `proxy()` protection of path prefixes, and `signIn`/`signOut`
 * for server actions. It adds no HTTP routes of its own (DESIGN §10).
 *
 * @example
 * export const tessera = createTesseraNext({ create: async () => createTesseraHttp({ deps: await createTesseraDeps({ store, secrets }), cookieMode: 'jwt', trustedOrigins: new Set(), trustProxy: { kind: 'none' } }) });
 */
export function createTesseraNext(options: TesseraNextOptions): TesseraNext {
  const signInPath = options.signInPath ?? '/login';
  if (!signInPath.startsWith('/') || signInPath.startsWith('//')) {
    throw new TypeError('signInPath must be a path on this site, such as "/login"');
  }
  const key = Symbol.for(`@tessera/next:${options.name ?? 'default'}`);
  const slots = globalThis as unknown as Record<symbol, Promise<TesseraHttp> | undefined>;
  const instance = (): Promise<TesseraHttp> => {
    const existing = slots[key];
    if (existing !== undefined) return existing;
    const created = options.create();
    slots[key] = created;
    // A failed start is not kept: the next request tries again (and reports the error again).
    created.catch(() => {
      if (slots[key] === created) slots[key] = undefined;
    });
    return created;
  };

  const serve = async (request: Request) => createFetchHandler(await instance())(request);

  async function authenticateRequest(request: Request) {
    return (await instance()).authenticate(createFetchAuthRequest(request));
  }

  /** A request as this browser sent the page or action: its headers, from `next/headers`. */
  async function currentRequest(method: string, path: string, body?: unknown): Promise<Request> {
    const incoming = new Headers(await headers());
    const host = incoming.get('host') ?? 'localhost';
    const forwarded = new Headers();
    for (const name of ['cookie', 'origin', 'host', 'sec-fetch-site', 'user-agent', 'x-forwarded-for']) {
      const value = incoming.get(name);
      if (value !== null) forwarded.set(name, value);
    }
    if (body !== undefined) forwarded.set('content-type', 'application/json');
    return new Request(`http://${host}${path}`, {
      method,
      headers: forwarded,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async function callAsBrowser(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await serve(await currentRequest(method, path, body));
    await applySetCookies(response);
    return response;
  }

  async function getAuth(request?: Request): Promise<NextAuth | null> {
    const result = await authenticateRequest(request ?? (await currentRequest('GET', '/')));
    return result.kind === 'authenticated' ? toRequestAuth(result) : null;
  }

  return {
    handlers: { GET: serve, HEAD: serve, POST: serve, PUT: serve, DELETE: serve, OPTIONS: serve },
    getAuth,
    withAuth(handler) {
      return async (request) => {
        const result = await authenticateRequest(request);
        if (result.kind === 'refused') return toResponse(result.response);
        if (result.kind === 'anonymous') {
          // The same 401 as the other adapters' guards, with the handler's CORS headers (decision 0070).
          const refusal = withSecurityHeaders(problemResponse(new UnauthenticatedError()));
          const { cors } = (await instance()).handle;
          return toResponse(cors.decorate(request.headers.get('origin'), refusal));
        }
        const response = await handler(request, toRequestAuth(result));
        for (const [name, value] of result.headers) response.headers.append(name, value);
        return response;
      };
    },
    proxy(prefixes) {
      const protectedPrefixes = prefixes.map((prefix) => prefix.replace(/\/+$/, ''));
      return async (request) => {
        const { pathname } = new URL(request.url);
        const tessera = await instance();
        if (isTesseraPath(tessera, pathname)) return undefined;
        const guarded = protectedPrefixes.some(
          (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || prefix === '',
        );
        if (!guarded) return undefined;
        const result = await tessera.authenticate(createFetchAuthRequest(request));
        if (result.kind === 'authenticated') return undefined;
        const target = new URL(signInPath, request.url);
        target.searchParams.set('next', pathname);
        const redirect = new Response(null, { status: 307, headers: { location: target.toString() } });
        // A refused cookie is expired on the way to the sign-in page.
        if (result.kind === 'refused') {
          for (const [name, value] of result.response.headers) {
            if (name === 'set-cookie') redirect.headers.append(name, value);
          }
        }
        return redirect;
      };
    },
    async signIn(credentials) {
      const response = await callAsBrowser('POST', '/auth/login', {
        email: credentials.email,
        password: credentials.password,
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) {
        return {
          ok: false,
          status: response.status,
          code: typeof json['code'] === 'string' ? json['code'] : 'error',
        };
      }
      const auth = await getAuth(
        new Request('http://localhost/', { headers: { cookie: cookieHeaderFrom(response) } }),
      );
      return auth === null ? { ok: false, status: 500, code: 'error' } : { ok: true, auth };
    },
    async signOut(signOutOptions = {}) {
      const path = signOutOptions.everywhere === true ? '/auth/logout-all' : '/auth/logout';
      await (await callAsBrowser('POST', path)).body?.cancel();
    },
    async call(method, path, body) {
      const response = await callAsBrowser(method, path, body);
      const text = await response.text();
      return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
    },
  };
}

/** Applies Tessera's `Set-Cookie`s through `cookies()`; a server component cannot set cookies: skipped. */
async function applySetCookies(response: Response): Promise<void> {
  const lines = response.headers.getSetCookie();
  if (lines.length === 0) return;
  const store = await cookies();
  for (const line of lines) {
    const cookie = parseSetCookie(line);
    if (cookie === null) continue;
    try {
      store.set(cookie);
    } catch {
      // Rendering a server component: Next.js forbids setting cookies there. The next action or
      // route handler answer carries them.
      return;
    }
  }
}

/** The `Cookie` header a browser would send after these `Set-Cookie`s (to read the new sign-in). */
function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0] ?? '')
    .filter((pair) => pair.includes('=') && !pair.endsWith('='))
    .join('; ');
}

function toResponse(result: AuthResponse): Response {
  const responseHeaders = new Headers();
  for (const [name, value] of result.headers) responseHeaders.append(name, value);
  return new Response(result.body, { status: result.status, headers: responseHeaders });
}
