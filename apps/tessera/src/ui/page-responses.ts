import type { AuthResponse, Clock } from '@tessera/core';
import { parseCookieHeader, serializeCookie } from '@tessera/core/cookie';
import type { AuthRequest } from '@tessera/core';
import type { PageMessage } from './render-page.js';

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

/**
 * A notice a redirect leaves for the next page.
 *
 * @example
 * const notice: NoticeKey = 'signed-out';
 */
export type NoticeKey = keyof typeof NOTICES;

/**
 * An HTML page with the UI's own CSP and referrer policy (the router adds the other security headers).
 *
 * @example
 * return page(200, renderInspectPage({ signedIn }), cookies);
 */
export function page(status: number, markup: string, cookies: readonly string[] = []): AuthResponse {
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

/** How the pages redirect, and read the notice a redirect left. */
export interface Redirects {
  /** A redirect (303 unless told), passing `cookies` on and leaving `notice` for the next page. */
  readonly redirect: (
    location: string,
    cookies?: readonly string[],
    notice?: NoticeKey | null,
    status?: number,
  ) => AuthResponse;
  /** The notice a redirect left for this page, and the cookie that removes it. */
  readonly takeNotice: (request: AuthRequest) => { message: PageMessage | null; cookies: string[] };
}

/**
 * The redirects of the pages, with notices dated by `clock`.
 *
 * @example
 * const { redirect, takeNotice } = createRedirects(deps.clock);
 */
export function createRedirects(clock: Clock): Redirects {
  function noticeCookie(value: string, maxAgeSeconds: number): string {
    return serializeCookie(
      NOTICE_COOKIE_NAME,
      value,
      { path: '/', domain: null, maxAgeSeconds, httpOnly: true, secure: true, sameSite: 'lax' },
      clock.now(),
    );
  }
  return {
    redirect(location, cookies = [], notice = null, status = 303) {
      const all = [...cookies];
      if (notice !== null) all.push(noticeCookie(notice, NOTICE_MAX_AGE_SECONDS));
      return {
        status,
        headers: [['location', location], ...all.map((cookie): [string, string] => ['set-cookie', cookie])],
        body: null,
      };
    },
    takeNotice(request) {
      const key = parseCookieHeader(request.headers['cookie'])[NOTICE_COOKIE_NAME];
      if (key === undefined) return { message: null, cookies: [] };
      const text = Object.hasOwn(NOTICES, key) ? NOTICES[key as NoticeKey] : null;
      return { message: text === null ? null : { kind: 'notice', text }, cookies: [noticeCookie('', 0)] };
    },
  };
}
