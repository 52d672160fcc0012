// Over 300 lines, to be split: the web UI still wraps the API handler with its own HEAD, 405 and
// renewal paths; moving its pages onto the one router (issue 12) is what will shrink it. The email,
// second-factor, provider and passkey pages of §7–§9 were added here for that reason, not by design.
import type { AuthHandler, AuthRequest, AuthResponse, Clock, CookieMode, Logger } from '@tessera/core';
import { assertNotCrossSite, isCodedError, problemByErrorCode, withSecurityHeaders } from '@tessera/core/api';
import { createPendingSecondStepCookie, PENDING_SECOND_STEP_COOKIE_NAME } from '@tessera/core/account';
import {
  hostOnlyAuthCookies,
  parseCookieHeader,
  REFRESH_PATH,
  serializeCookie,
  type AuthCookies,
} from '@tessera/core/cookie';
import { decodeBase64url } from './inspect-token.js';
import type { UiAssets } from './load-ui-assets.js';
import { readFormBody } from './read-form-body.js';
import { renderAccountPage, type AccountDevice, type AccountPasskey } from './render-account-page.js';
import { CONTINUE_PATH, renderContinuePage } from './render-continue-page.js';
import { renderInspectPage } from './render-inspect-page.js';
import { renderMessagePage } from './render-message-page.js';
import type { PageMessage } from './render-page.js';
import { PASSKEYS_SCRIPT, renderSignInPage } from './render-sign-in-page.js';
import { renderMfaCodePage } from './render-mfa-code-page.js';
import { EMAIL_PAGE_PATHS, routeEmailPage } from './route-email-pages.js';
import { REAUTHENTICATE_PATH, type AccountSecondFactors } from './render-mfa-pages.js';
import {
  MFA_ACTION_PATHS,
  needsReauthentication,
  routeMfaAction,
  showReauthenticatePage,
  type MfaPageTools,
} from './route-mfa-pages.js';
import type { AccountIdentity } from './render-account-page.js';
import type { UiProvider } from './render-provider-buttons.js';

/** What the UI needs: the JSON API it drives, and how the server is configured. */
export interface UiHandlerOptions {
  /** The auth API (`createAuthHandler`): every UI action is one call to it, so no policy is repeated here. */
  api: AuthHandler;
  cookieMode: CookieMode;
  trustedOrigins: ReadonlySet<string>;
  /** The origin of `TESSERA_PUBLIC_URL` when it is set: then the only own origin (DESIGN §3.1). */
  publicOrigin?: string | null;
  clock: Clock;
  logger: Logger;
  assets: UiAssets;
  /** Configured sign-in providers (DESIGN §8): buttons on the sign-in pages, link/unlink on the account page. */
  providers?: readonly UiProvider[];
  /** Passkeys are on (`TESSERA_PUBLIC_URL` names a domain): the pages show the passkey buttons. */
  passkeys?: boolean;
  /** Tessera's cookie names (`TESSERA_COOKIE_DOMAIN` makes them `__Secure-`); default host-only. */
  authCookies?: AuthCookies;
}

/** The CSP of every page: our own scripts and styles only, nothing inline, forms to ourselves. */
export const UI_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A one-line notice carried across a redirect in a short-lived cookie (the request view has no query). */
const NOTICE_COOKIE_NAME = '__Host-tessera-notice';
const NOTICE_MAX_AGE_SECONDS = 60;
const NOTICES = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
  'device-signed-out': 'That device is signed out.',
  'password-changed': 'Your password is changed. Your other devices were signed out.',
  'session-ended': 'Your session has ended. Sign in again.',
  'session-ended-unchanged': 'Your session had already ended, so nothing was changed. Sign in and try again.',
  'verification-sent': 'We have sent you a new link. Open it to confirm your address.',
  'email-change-sent': 'Open the link we sent to your new address to finish the change.',
  'identity-unlinked': 'The provider is unlinked. It no longer signs in to this account.',
  'totp-disabled': 'Two-step verification is off. Signing in needs only your password now.',
  reauthenticated: 'Thank you, that was you. Now try the change again.',
} as const;

/** `/login?error=<code>`: where a provider sign-in that failed ends (DESIGN §8), in words. */
const PROVIDER_ERRORS: Readonly<Record<string, string>> = {
  oauth_failed: 'Signing in with that provider did not work, and nothing was changed. Try again.',
  account_exists:
    'An account with this email address already exists. Sign in with your password, then link the provider from your account page.',
  account_disabled: 'This account is disabled. Contact the administrator.',
};
type NoticeKey = keyof typeof NOTICES;

/** The second step of signing in (DESIGN §9): the code form posts here. */
const MFA_CODE_PATH = '/login/mfa';
/** A 6-digit code is the authenticator app's; anything else is tried as a recovery code. */
const TOTP_CODE = /^[0-9]{6}$/;

/** The UI's own paths; everything else goes to the API. */
const PAGE_PATHS = new Set([
  '/',
  '/login',
  '/register',
  '/logout',
  '/account',
  '/inspect',
  CONTINUE_PATH,
  MFA_CODE_PATH,
]);
const REVOKE_PATH = /^\/account\/sessions\/([A-Za-z0-9_-]{1,64})\/revoke$/;
const UNLINK_PATH = /^\/account\/identities\/([A-Za-z0-9_-]{1,64})\/unlink$/;
/** The form posts that act on the signed-in account (jwt mode also takes them under `REFRESH_PATH`). */
const ACTION_PATHS = new Set([
  '/logout',
  '/account/logout-all',
  '/account/password',
  '/account/email',
  '/account/email/resend',
]);

function isActionPath(path: string): boolean {
  return (
    ACTION_PATHS.has(path) || MFA_ACTION_PATHS.has(path) || REVOKE_PATH.test(path) || UNLINK_PATH.test(path)
  );
}

/** What one call to the API answered. */
interface ApiAnswer {
  status: number;
  cookies: string[];
  retryAfter: string | null;
  body: Record<string, unknown>;
}

/**
 * The web UI: server-rendered pages and form posts in front of the JSON API, same port. A form
 * post becomes one in-process call to the API, whose status, problem and `Set-Cookie`s the UI
 * turns into a redirect or the form again with the error in words. Paths that are not the UI's
 * go to the API unchanged.
 *
 * @example
 * const handler = createUiHandler({ api, cookieMode: 'session', trustedOrigins, clock, logger, assets });
 */
export function createUiHandler(options: UiHandlerOptions): AuthHandler {
  const { api, cookieMode, trustedOrigins, clock, logger, assets } = options;
  const providers = options.providers ?? [];
  const publicOrigin = options.publicOrigin ?? null;
  const passkeys = options.passkeys === true;
  const authCookies = options.authCookies ?? hostOnlyAuthCookies;

  async function callApi(
    request: AuthRequest,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    const headers: Record<string, string | undefined> = { ...request.headers, 'content-type': undefined };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await api({
      ...request,
      method,
      path,
      headers,
      body: body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body)),
    });
    const header = (name: string) =>
      response.headers.filter(([key]) => key === name).map(([, value]) => value);
    let parsed: unknown = null;
    try {
      parsed = response.body === null || response.body === '' ? null : JSON.parse(response.body);
    } catch {
      parsed = null;
    }
    if (response.status >= 500) throw new ApiFaultError(response.status);
    return {
      status: response.status,
      cookies: header('set-cookie'),
      retryAfter: header('retry-after')[0] ?? null,
      body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {},
    };
  }

  function page(status: number, markup: string, cookies: readonly string[] = []): AuthResponse {
    return {
      status,
      headers: [
        ['content-type', 'text/html; charset=utf-8'],
        ['content-security-policy', UI_CONTENT_SECURITY_POLICY],
        // `no-referrer` (the API's) makes browsers send `Origin: null` on form posts, which the CSRF
        // rule refuses; `same-origin` keeps the real Origin for our own forms and tells other sites nothing.
        ['referrer-policy', 'same-origin'],
        ...cookies.map((cookie): [string, string] => ['set-cookie', cookie]),
      ],
      body: markup,
    };
  }

  function redirect(
    location: string,
    cookies: readonly string[] = [],
    notice: NoticeKey | null = null,
    status = 303,
  ): AuthResponse {
    const all = [...cookies];
    if (notice !== null) all.push(noticeCookie(notice, NOTICE_MAX_AGE_SECONDS));
    return {
      status,
      headers: [['location', location], ...all.map((cookie): [string, string] => ['set-cookie', cookie])],
      body: null,
    };
  }

  function noticeCookie(value: string, maxAgeSeconds: number): string {
    return serializeCookie(
      NOTICE_COOKIE_NAME,
      value,
      { path: '/', domain: null, maxAgeSeconds, httpOnly: true, secure: true, sameSite: 'lax' },
      clock.now(),
    );
  }

  /** The notice a redirect left for this page, and the cookie that removes it. */
  function takeNotice(request: AuthRequest): { message: PageMessage | null; cookies: string[] } {
    const key = parseCookieHeader(request.headers['cookie'])[NOTICE_COOKIE_NAME];
    if (key === undefined) return { message: null, cookies: [] };
    const text = Object.hasOwn(NOTICES, key) ? NOTICES[key as NoticeKey] : null;
    return { message: text === null ? null : { kind: 'notice', text }, cookies: [noticeCookie('', 0)] };
  }

  function problemOf(answer: ApiAnswer): { code: string; text: string } {
    const code = typeof answer.body['code'] === 'string' ? answer.body['code'] : 'error';
    const text = typeof answer.body['detail'] === 'string' ? answer.body['detail'] : 'Something went wrong.';
    return { code, text };
  }

  /** Where a request that is not signed in goes: sign in, or in jwt mode first try the refresh cookie. */
  function notSignedIn(request: AuthRequest, answer: ApiAnswer): AuthResponse {
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
    request: AuthRequest,
    status: number,
    message: PageMessage | null,
    extraCookies: string[] = [],
  ) {
    const me = await callApi(request, 'GET', '/auth/me');
    if (me.status !== 200) return notSignedIn(request, me);
    const sessions = await callApi(request, 'GET', '/auth/sessions');
    if (sessions.status !== 200) return notSignedIn(request, sessions);
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
    if (passkeyList !== null && passkeyList.status !== 200) return notSignedIn(request, passkeyList);
    const factors = await callApi(request, 'GET', '/auth/mfa');
    if (factors.status !== 200) return notSignedIn(request, factors);
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

  /** The message for `?error=<code>` after a provider sign-in that failed; `null` without one. */
  function providerError(request: AuthRequest): PageMessage | null {
    const code = new URLSearchParams((request.query ?? '').slice(0, 256)).get('error');
    if (code === null || !Object.hasOwn(PROVIDER_ERRORS, code)) return null;
    return { kind: 'alert', code, text: PROVIDER_ERRORS[code] ?? '' };
  }

  /** Whether the request is signed in, and the cookies the API sends back (a slid or a dead session's). */
  async function checkSignedIn(request: AuthRequest): Promise<{ signedIn: boolean; cookies: string[] }> {
    const me = await callApi(request, 'GET', '/auth/me');
    return { signedIn: me.status === 200, cookies: me.cookies };
  }

  async function signInPost(request: AuthRequest, form: 'login' | 'register'): Promise<AuthResponse> {
    const { email, password } = readFormBody(request, ['email', 'password']);
    const answer = await callApi(request, 'POST', form === 'login' ? '/auth/login' : '/auth/register', {
      email,
      password,
    });
    if (answer.status === 200 || answer.status === 201) {
      // Exactly the API's cookies: nothing of the UI's own rides on a sign-in.
      return redirect('/account', answer.cookies);
    }
    const { code, text } = problemOf(answer);
    if (code === 'mfa_required' && typeof answer.body['mfaToken'] === 'string') {
      return page(200, renderMfaCodePage({ mfaToken: answer.body['mfaToken'] }), answer.cookies);
    }
    const response = page(
      answer.status,
      renderSignInPage({ form, email, passkeys, message: { kind: 'alert', code, text }, providers }),
      answer.cookies,
    );
    if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
    return response;
  }

  /** The code form of the second step: one call to `POST /auth/login/mfa`. */
  async function mfaCodePost(request: AuthRequest): Promise<AuthResponse> {
    const { mfaToken, code } = readFormBody(request, ['mfaToken', 'code']);
    const typed = code.trim();
    const answer = await callApi(
      request,
      'POST',
      '/auth/login/mfa',
      TOTP_CODE.test(typed) ? { mfaToken, code: typed } : { mfaToken, recoveryCode: typed },
    );
    if (answer.status === 200) return redirect('/account', answer.cookies);
    const problem = problemOf(answer);
    // A dead mfaToken (expired, used, 5 wrong codes): back to the password.
    const markup =
      problem.code === 'invalid_code'
        ? renderMfaCodePage({ mfaToken, message: { kind: 'alert', code: problem.code, text: problem.text } })
        : renderSignInPage({
            form: 'login',
            message: { kind: 'alert', code: problem.code, text: problem.text },
          });
    const response = page(answer.status, markup, answer.cookies);
    if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
    return response;
  }

  const mfaTools: MfaPageTools = {
    callApi,
    page,
    redirect,
    notSignedIn,
    accountPage: (request, status, message) => accountPage(request, status, message),
  };

  async function route(request: AuthRequest): Promise<AuthResponse | null> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const asset = assets.get(request.path);
    if (asset !== undefined) {
      if (method !== 'GET') return methodNotAllowed(['GET', 'HEAD']);
      const headers: [string, string][] = [
        ['content-type', asset.contentType],
        ['cache-control', 'no-cache'],
        ['etag', asset.etag],
      ];
      if (request.headers['if-none-match'] === asset.etag) return { status: 304, headers, body: null };
      return { status: 200, headers, body: asset.body };
    }
    // jwt mode: the account actions also live under the refresh cookie's path (`renewSignIn`).
    const renewing =
      cookieMode === 'jwt' && isUnderRefreshPath(request.path) && request.path !== CONTINUE_PATH;
    const path = renewing ? request.path.slice(REFRESH_PATH.length) : request.path;
    if (!renewing && EMAIL_PAGE_PATHS.has(path)) {
      if (method === 'POST') {
        assertNotCrossSite(
          request,
          parseCookieHeader(request.headers['cookie']),
          trustedOrigins,
          true,
          publicOrigin,
        );
      }
      return routeEmailPage(request, method, path, { callApi, page, methodNotAllowed });
    }
    if (renewing ? !isActionPath(path) : !PAGE_PATHS.has(path) && !isActionPath(path)) return null;
    if (path === CONTINUE_PATH && cookieMode !== 'jwt') return null;
    if (method === 'POST') {
      // Every UI post is refused from another site, signed in or not (login CSRF included).
      assertNotCrossSite(
        request,
        parseCookieHeader(request.headers['cookie']),
        trustedOrigins,
        true,
        publicOrigin,
      );
    }
    const allow = (methods: string[]) => (methods.includes(method) ? null : methodNotAllowed(methods));

    if (path === '/') {
      const refused = allow(['GET', 'HEAD']);
      if (refused !== null) return refused;
      const { signedIn, cookies } = await checkSignedIn(request);
      return redirect(signedIn ? '/account' : '/login', cookies);
    }
    if (path === MFA_CODE_PATH) {
      if (method === 'POST') return mfaCodePost(request);
      const refused = allow(['GET', 'HEAD', 'POST']);
      if (refused !== null) return refused;
      // Arrived from a provider sign-in that needs the second step: the mfaToken rides in a cookie,
      // which this page takes (and drops) into its form.
      const mfaToken = parseCookieHeader(request.headers['cookie'])[PENDING_SECOND_STEP_COOKIE_NAME];
      const dropped = [createPendingSecondStepCookie('', clock.now())];
      if (mfaToken === undefined || mfaToken === '') return redirect('/login', dropped);
      return page(200, renderMfaCodePage({ mfaToken }), dropped);
    }
    if (path === '/login' || path === '/register') {
      const form = path === '/login' ? 'login' : 'register';
      if (method === 'POST') return signInPost(request, form);
      const refused = allow(['GET', 'HEAD', 'POST']);
      if (refused !== null) return refused;
      const { message, cookies } = takeNotice(request);
      return page(
        200,
        renderSignInPage({ form, passkeys, message: providerError(request) ?? message, providers }),
        cookies,
      );
    }
    if (path === '/inspect') {
      const refused = allow(['GET', 'HEAD']);
      if (refused !== null) return refused;
      const { signedIn, cookies } = await checkSignedIn(request);
      return page(200, renderInspectPage({ signedIn }), cookies);
    }
    if (path === '/account') {
      const refused = allow(['GET', 'HEAD']);
      if (refused !== null) return refused;
      const { message, cookies } = takeNotice(request);
      return accountPage(request, 200, message, cookies);
    }
    if (path === REAUTHENTICATE_PATH && method !== 'POST' && !renewing) {
      const refusedMethod = allow(['GET', 'HEAD', 'POST']);
      return refusedMethod ?? showReauthenticatePage(request, mfaTools);
    }
    const refused = path === CONTINUE_PATH ? allow(['GET', 'HEAD', 'POST']) : allow(['POST']);
    if (refused !== null) return refused;

    if (path === CONTINUE_PATH) {
      const hasRefresh = parseCookieHeader(request.headers['cookie'])[authCookies.refresh] !== undefined;
      if (method !== 'POST') return hasRefresh ? page(200, renderContinuePage()) : redirect('/login');
      if (!hasRefresh) return redirect('/login', [], 'session-ended');
      const answer = await callApi(request, 'POST', '/auth/refresh');
      return answer.status === 200
        ? redirect('/account', answer.cookies)
        : redirect('/login', answer.cookies, answer.status === 429 ? null : 'session-ended');
    }
    if (!renewing) return accountAction(request, path);
    const renewal = await renewSignIn(request);
    if ('refused' in renewal) {
      if (renewal.refused.status !== 401) return apiRefusal(renewal.refused);
      // No live session is left to act on: signing out is done, anything else is not.
      const notice = path === '/logout' ? 'signed-out' : 'session-ended-unchanged';
      return redirect('/login', renewal.refused.cookies, notice);
    }
    return withRenewedCookies(await accountAction(renewal.request, path), renewal.cookies);
  }

  /**
   * jwt mode, an account action posted under the refresh cookie's path: the request as it proves
   * the caller to the API. With a live access cookie, unchanged; with none or an expired one, the
   * refresh cookie is renewed through `POST /auth/refresh` (rotation, reuse grace and all) and the
   * request carries the new access cookie, whose `Set-Cookie`s the answer must pass on.
   */
  async function renewSignIn(
    request: AuthRequest,
  ): Promise<{ request: AuthRequest; cookies: string[] } | { refused: ApiAnswer }> {
    const me = await callApi(request, 'GET', '/auth/me');
    if (me.status === 200) return { request, cookies: [] };
    const refreshed = await callApi(request, 'POST', '/auth/refresh');
    const access =
      refreshed.status === 200 ? readSetCookieValue(refreshed.cookies, authCookies.access) : null;
    if (access === null) return { refused: refreshed };
    const cookie = replaceCookie(request.headers['cookie'], authCookies.access, access);
    return { request: { ...request, headers: { ...request.headers, cookie } }, cookies: refreshed.cookies };
  }

  /** The API refused for a reason other than "not signed in" (a throttle, say): said in words. */
  function apiRefusal(answer: ApiAnswer): AuthResponse {
    const { code, text } = problemOf(answer);
    const response = page(
      answer.status,
      renderMessagePage({ title: 'Something is not right', code, text, signedIn: false }),
      answer.cookies,
    );
    if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
    return response;
  }

  /** A form post of the account page (`path` one of the action paths), as one call to the API. */
  async function accountAction(request: AuthRequest, path: string): Promise<AuthResponse> {
    if (MFA_ACTION_PATHS.has(path)) return routeMfaAction(request, path, mfaTools);
    if (path === '/logout' || path === '/account/logout-all') {
      const answer = await callApi(request, 'POST', path === '/logout' ? '/auth/logout' : '/auth/logout-all');
      if (answer.status === 401) return notSignedIn(request, answer);
      return redirect('/login', answer.cookies, path === '/logout' ? 'signed-out' : 'signed-out-everywhere');
    }
    if (path === '/account/password') {
      const { currentPassword, newPassword } = readFormBody(request, ['currentPassword', 'newPassword']);
      const answer = await callApi(request, 'POST', '/auth/password', { currentPassword, newPassword });
      if (answer.status === 204) return redirect('/account', answer.cookies, 'password-changed');
      if (answer.status === 401 && problemOf(answer).code !== 'invalid_credentials')
        return notSignedIn(request, answer);
      const { code, text } = problemOf(answer);
      const response = await accountPage(request, answer.status, { kind: 'alert', code, text });
      if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
      return response;
    }
    if (path === '/account/email/resend' || path === '/account/email') {
      const resend = path === '/account/email/resend';
      const answer = resend
        ? await callApi(request, 'POST', '/auth/email/verify/resend')
        : await callApi(request, 'POST', '/auth/email/change', readFormBody(request, ['newEmail']));
      if (answer.status === 202) {
        return redirect('/account', answer.cookies, resend ? 'verification-sent' : 'email-change-sent');
      }
      if (answer.status === 401) return notSignedIn(request, answer);
      if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies);
      const { code, text } = problemOf(answer);
      const response = await accountPage(request, answer.status, { kind: 'alert', code, text });
      if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
      return response;
    }
    // The unlink form of one provider.
    const unlinking = UNLINK_PATH.exec(path)?.[1];
    if (unlinking !== undefined) {
      const answer = await callApi(request, 'DELETE', `/auth/identities/${unlinking}`);
      if (answer.status === 401) return notSignedIn(request, answer);
      if (answer.status === 204) return redirect('/account', answer.cookies, 'identity-unlinked');
      if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies);
      const { code, text } = problemOf(answer);
      return accountPage(request, answer.status, { kind: 'alert', code, text });
    }
    // The revoke form of one device.
    const sessionId = REVOKE_PATH.exec(path)?.[1] ?? '';
    const answer = await callApi(request, 'DELETE', `/auth/sessions/${sessionId}`);
    if (answer.status === 401) return notSignedIn(request, answer);
    if (answer.status === 404) {
      return accountPage(request, 404, {
        kind: 'alert',
        code: 'not_found',
        text: 'That device is already signed out.',
      });
    }
    // Revoking the current session signs this browser out: the API clears its cookies.
    const signedOutHere = answer.cookies.some((cookie) => /^[^=]+=;/.test(cookie));
    return signedOutHere
      ? redirect('/login', answer.cookies, 'signed-out')
      : redirect('/account', answer.cookies, 'device-signed-out');
  }

  function errorPage(request: AuthRequest, error: unknown): AuthResponse {
    if (error instanceof ApiFaultError) {
      return page(
        error.status,
        renderMessagePage({
          title: 'Temporarily unavailable',
          code: 'unavailable',
          text: 'The service is having trouble right now. Try again in a moment.',
          signedIn: false,
        }),
      );
    }
    if (isCodedError(error)) {
      const { status, code } = problemByErrorCode[error.code];
      const text =
        code === 'unsupported_media_type'
          ? 'Send this form as application/x-www-form-urlencoded, as a browser does.'
          : error.message;
      const title =
        code === 'csrf_rejected'
          ? 'Request refused'
          : status >= 500
            ? 'Temporarily unavailable'
            : 'Something is not right';
      const response = page(status, renderMessagePage({ title, code, text, signedIn: false }));
      if (status >= 500) logger.error('infrastructure unavailable', { code: error.code, path: request.path });
      return response;
    }
    logger.error('unhandled error in the web UI', {
      path: request.path,
      error: error instanceof Error ? error.name : typeof error,
    });
    return page(
      500,
      renderMessagePage({
        title: 'Something went wrong',
        code: 'internal_error',
        text: 'Something went wrong on our side. Try again.',
        signedIn: false,
      }),
    );
  }

  function methodNotAllowed(allowed: string[]): AuthResponse {
    const response = page(
      405,
      renderMessagePage({
        title: 'Not here',
        code: 'method_not_allowed',
        text: `This address accepts ${allowed.join(', ')}.`,
        signedIn: false,
      }),
    );
    response.headers.push(['allow', allowed.join(', ')]);
    return response;
  }

  async function handleUiPath(request: AuthRequest): Promise<AuthResponse> {
    let response: AuthResponse | null;
    try {
      response = await route(request);
    } catch (error) {
      response = errorPage(request, error);
    }
    if (response === null) return api(request);
    if (request.method === 'HEAD') response.body = null;
    return withSecurityHeaders(response);
  }

  // Most requests are the API's: they go to it at once, without an async step of the UI's own.
  return function handleUiRequest(request) {
    return mayBeUiPath(request.path, assets) ? handleUiPath(request) : api(request);
  };
}

/**
 * Whether `route` might answer `path` (an asset, a page, an action, one under the refresh path);
 * `false` means it surely hands the request to the API. Cheap: it runs on every API request.
 */
function mayBeUiPath(path: string, assets: UiAssets): boolean {
  return (
    PAGE_PATHS.has(path) ||
    EMAIL_PAGE_PATHS.has(path) ||
    assets.has(path) ||
    path.startsWith('/account/') ||
    ACTION_PATHS.has(path) ||
    isUnderRefreshPath(path)
  );
}

/** Whether `path` is under the refresh cookie's path, so the browser sends that cookie along. */
function isUnderRefreshPath(path: string): boolean {
  return path.startsWith(`${REFRESH_PATH}/`);
}

/** The value a `Set-Cookie` line among `lines` gives the cookie `name`, or null. */
function readSetCookieValue(lines: readonly string[], name: string): string | null {
  const line = lines.find((candidate) => candidate.startsWith(`${name}=`));
  return line === undefined ? null : (line.slice(name.length + 1).split(';', 1)[0] ?? null);
}

/** A `Cookie` header with every `name=` pair replaced by one holding `value`. */
function replaceCookie(header: string | undefined, name: string, value: string): string {
  const others = (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && !pair.startsWith(`${name}=`));
  return [...others, `${name}=${value}`].join('; ');
}

/**
 * The answer to an action done after a renewal, with the renewal's cookies added: those the action
 * set again itself are left out, so a session the action signed out never sends its renewed refresh
 * token back to the browser.
 */
function withRenewedCookies(response: AuthResponse, renewed: readonly string[]): AuthResponse {
  const nameOf = (line: string) => line.slice(0, line.indexOf('='));
  const setByAction = new Set(
    response.headers.filter(([name]) => name === 'set-cookie').map(([, line]) => nameOf(line)),
  );
  for (const line of renewed) {
    if (!setByAction.has(nameOf(line))) response.headers.push(['set-cookie', line]);
  }
  return response;
}

/** The API answered 5xx (it has logged why): the UI says so in words. */
class ApiFaultError extends Error {
  override readonly name = 'ApiFaultError';
  constructor(readonly status: number) {
    super(`The API answered ${status}.`);
  }
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
