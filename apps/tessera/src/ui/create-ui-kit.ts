import type {
  AuthHandler,
  AuthRequest,
  AuthResponse,
  Clock,
  CookieMode,
  Logger,
  TesseraDeps,
} from '@tessera/core';
import type { AppRequestAuthentication, PageRoute, RouteMethod } from '@tessera/core/api';
import { parseCookieHeader, REFRESH_PATH, type AuthCookies } from '@tessera/core/cookie';
import { createPageErrorAnswer } from './create-page-error-answer.js';
import { createApiCaller, problemOf, type ApiAnswer, type CallApi } from './create-api-caller.js';
import { decodeBase64url } from './inspect-token.js';
import type { UiAssets } from './load-ui-assets.js';
import { createRedirects, page, type Redirects } from './page-responses.js';
import {
  renderAccountPage,
  type AccountDevice,
  type AccountIdentity,
  type AccountPasskey,
} from './render-account-page.js';
import { CONTINUE_PATH } from './render-continue-page.js';
import { renderMessagePage } from './render-message-page.js';
import type { AccountSecondFactors } from './render-mfa-pages.js';
import type { PageMessage } from './render-page.js';
import type { UiProvider } from './render-provider-buttons.js';
import { PASSKEYS_SCRIPT } from './render-sign-in-page.js';

/** What the web UI needs: the API it drives, and how the server is configured. */
export interface UiRoutesOptions {
  /**
   * The auth API: every UI action is one call to it, so no policy is repeated here. The server
   * passes the router the pages are on (they only ever call `/auth/…` paths through it).
   */
  api: AuthHandler;
  /**
   * Who a request is, by the API's rules (the server passes its `TesseraHttp.authenticate`): asked
   * only where a page reads the engine itself (the setup page after a mistyped code).
   */
  authenticate: (request: AuthRequest) => Promise<AppRequestAuthentication>;
  cookieMode: CookieMode;
  clock: Clock;
  logger: Logger;
  assets: UiAssets;
  /** Configured sign-in providers (DESIGN §8): buttons on the sign-in pages, link/unlink on the account page. */
  providers?: readonly UiProvider[];
}

/**
 * What a page's handler gets: the request, the path's `:name` values, and what the router serving
 * the page was built with (read from its route services, so nothing is worked out twice).
 */
export interface PageContext {
  readonly request: AuthRequest;
  readonly params: Readonly<Record<string, string>>;
  /** Tessera's cookie names (`TESSERA_COOKIE_DOMAIN` makes them `__Secure-`). */
  readonly authCookies: AuthCookies;
  /** Passkeys are on (the router has a relying party): the pages show the passkey buttons. */
  readonly passkeys: boolean;
  /** The engine, for the one read no API route offers (the enrolment under way, decision 0067). */
  readonly deps: TesseraDeps;
}

/** A page's handler. */
export type PageHandler = (page: PageContext) => Promise<AuthResponse>;

/** What the page routes share, made once: the API caller, redirects, and the account page. */
export interface UiKit extends Redirects {
  readonly cookieMode: CookieMode;
  readonly clock: Clock;
  readonly assets: UiAssets;
  readonly providers: readonly UiProvider[];
  readonly callApi: CallApi;
  /** Who a request is, by the API's rules (`UiRoutesOptions.authenticate`). */
  readonly authenticate: (request: AuthRequest) => Promise<AppRequestAuthentication>;
  /** A page route: anyone may call it, a POST is refused from another site even without cookies. */
  readonly route: (method: RouteMethod, path: string, handle: PageHandler) => PageRoute;
  /** Where a request that is not signed in goes: sign in, or in jwt mode first try the refresh cookie. */
  readonly notSignedIn: (page: PageContext, answer: ApiAnswer) => AuthResponse;
  /** The account page (its status and message), or where to go when the request is not signed in. */
  readonly accountPage: (
    page: PageContext,
    status: number,
    message: PageMessage | null,
    extraCookies?: string[],
  ) => Promise<AuthResponse>;
  /** Whether the request is signed in, and the cookies the API sends back (a slid or a dead session's). */
  readonly checkSignedIn: (request: AuthRequest) => Promise<{ signedIn: boolean; cookies: string[] }>;
  /** The API refused for a reason other than "not signed in" (a throttle, say): said in words. */
  readonly apiRefusal: (answer: ApiAnswer) => AuthResponse;
}

/**
 * Whether `path` is under the refresh cookie's path, so the browser sends that cookie along.
 *
 * @example
 * isUnderRefreshPath('/auth/refresh/logout'); // true
 */
export function isUnderRefreshPath(path: string): boolean {
  return path.startsWith(`${REFRESH_PATH}/`);
}

/**
 * Builds what the page routes share.
 *
 * @example
 * const kit = createUiKit({ api, authenticate, cookieMode: 'session', clock, logger, assets });
 */
export function createUiKit(options: UiRoutesOptions): UiKit {
  const { cookieMode, clock, assets } = options;
  const providers = options.providers ?? [];
  const callApi = createApiCaller(options.api);
  const redirects = createRedirects(clock);
  const { redirect } = redirects;
  const errorPage = createPageErrorAnswer(options.logger);

  function notSignedIn({ request, authCookies }: PageContext, answer: ApiAnswer): AuthResponse {
    const cookies = parseCookieHeader(request.headers['cookie']);
    const code = problemOf(answer).code;
    if (cookieMode === 'jwt' && (cookies[authCookies.access] === undefined || code === 'token_expired')) {
      // An account action is repeated (307: same method, same form) where the refresh cookie goes,
      // and done there; renewing instead would drop what the user asked for (decision 0014).
      if (request.method === 'POST' && !isUnderRefreshPath(request.path)) {
        return redirect(`${REFRESH_PATH}${request.path}`, answer.cookies, null, 307);
      }
      return redirect(CONTINUE_PATH, answer.cookies);
    }
    return redirect(
      '/login',
      answer.cookies,
      code === 'unauthenticated' && answer.cookies.length === 0 ? null : 'session-ended',
    );
  }

  async function accountPage(
    context: PageContext,
    status: number,
    message: PageMessage | null,
    extraCookies: string[] = [],
  ): Promise<AuthResponse> {
    const { request, passkeys, authCookies } = context;
    const me = await callApi(request, 'GET', '/auth/me');
    if (me.status !== 200) return notSignedIn(context, me);
    const sessions = await callApi(request, 'GET', '/auth/sessions');
    if (sessions.status !== 200) return notSignedIn(context, sessions);
    const user = me.body['user'] as {
      email: string;
      roles: string[];
      createdAt: string;
      emailVerified: boolean;
    };
    const devices = (sessions.body['sessions'] ?? []) as AccountDevice[];
    const linked = await callApi(request, 'GET', '/auth/identities');
    const identities = (linked.status === 200 ? (linked.body['identities'] ?? []) : []) as AccountIdentity[];
    const passkeyList = passkeys ? await callApi(request, 'GET', '/auth/passkeys') : null;
    if (passkeyList !== null && passkeyList.status !== 200) return notSignedIn(context, passkeyList);
    const factors = await callApi(request, 'GET', '/auth/mfa');
    if (factors.status !== 200) return notSignedIn(context, factors);
    const accessExpiry =
      cookieMode === 'jwt' ? readAccessExpiry(request, clock.now(), authCookies.access) : null;
    const markup = renderAccountPage({
      user,
      devices,
      identities,
      providers,
      passkeys: passkeyList === null ? null : ((passkeyList.body['passkeys'] ?? []) as AccountPasskey[]),
      secondFactors: factors.body as unknown as AccountSecondFactors,
      now: clock.now(),
      message,
      scripts: [
        ...(accessExpiry === null ? [] : ['/ui/js/browser/keep-signed-in.js']),
        ...(passkeys ? [PASSKEYS_SCRIPT] : []),
      ],
      data: accessExpiry ?? {},
    });
    return page(status, markup, [
      ...me.cookies,
      ...sessions.cookies,
      ...(passkeyList?.cookies ?? []),
      ...factors.cookies,
      ...extraCookies,
    ]);
  }

  return {
    ...redirects,
    cookieMode,
    clock,
    assets,
    providers,
    callApi,
    authenticate: options.authenticate,
    route(method, path, handle) {
      return {
        method,
        path,
        caller: 'anyone',
        // Every UI post is refused from another site, signed in or not (login CSRF included).
        csrfWithoutCookies: true,
        handle: ({ request, params, services }) =>
          handle({
            request,
            params,
            authCookies: services.authCookies,
            passkeys: services.relyingParty !== null,
            deps: services.deps,
          }),
        errorPage,
      };
    },
    notSignedIn,
    accountPage,
    async checkSignedIn(request) {
      const me = await callApi(request, 'GET', '/auth/me');
      return { signedIn: me.status === 200, cookies: me.cookies };
    },
    apiRefusal(answer) {
      const { code, text } = problemOf(answer);
      const response = page(
        answer.status,
        renderMessagePage({ title: 'Something is not right', code, text, signedIn: false }),
        answer.cookies,
      );
      if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
      return response;
    },
  };
}

/**
 * jwt mode, for the page's script: how many seconds the access cookie has left by the server's
 * clock, and how long a fresh one lives. Relative, so a browser whose clock is off still renews in time.
 */
function readAccessExpiry(
  request: AuthRequest,
  now: Date,
  accessCookieName: string,
): Record<string, string> | null {
  const token = parseCookieHeader(request.headers['cookie'])[accessCookieName];
  const payload = token === undefined ? null : decodeBase64url(token.split('.')[1] ?? '');
  if (payload === null) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { exp?: unknown; iat?: unknown };
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return null;
    const leftSeconds = Math.max(0, Math.floor(claims.exp - now.getTime() / 1000));
    return {
      'access-expires-in-seconds': String(leftSeconds),
      'access-ttl-seconds': String(claims.exp - claims.iat),
    };
  } catch {
    return null;
  }
}
