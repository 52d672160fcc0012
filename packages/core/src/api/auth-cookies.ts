import { serializeCookie } from '../cookie/serialize-cookie.js';
import type { CookieAttributes } from '../cookie/cookie-attributes.js';

/**
 * Session mode (DESIGN §3): `__Host-` so it is Secure, host-only and `Path=/`.
 *
 * @example
 * const token = parseCookieHeader(request.headers.cookie)[SESSION_COOKIE_NAME];
 */
export const SESSION_COOKIE_NAME = '__Host-tessera-session';
/**
 * JWT cookie mode: the short-lived access token.
 *
 * @example
 * const accessToken = parseCookieHeader(request.headers.cookie)[ACCESS_COOKIE_NAME];
 */
export const ACCESS_COOKIE_NAME = '__Host-tessera-access';
/**
 * JWT cookie mode: the refresh token, sent only to the refresh route.
 *
 * @example
 * const refreshToken = parseCookieHeader(request.headers.cookie)[REFRESH_COOKIE_NAME];
 */
export const REFRESH_COOKIE_NAME = '__Secure-tessera-refresh';
/** Every cookie Tessera sets. */
export const AUTH_COOKIES: readonly string[] = [SESSION_COOKIE_NAME, ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME];
/**
 * The one path the refresh cookie is sent to.
 *
 * @example
 * if (url.pathname === REFRESH_PATH) await refresh(request);
 */
export const REFRESH_PATH = '/auth/refresh';

function attributes(path: string, maxAgeSeconds: number): CookieAttributes {
  return { path, domain: null, maxAgeSeconds, httpOnly: true, secure: true, sameSite: 'lax' };
}

function secondsUntil(instant: Date, now: Date): number {
  return Math.max(0, Math.floor((instant.getTime() - now.getTime()) / 1000));
}

/**
 * The session cookie, living until the session's expiry.
 *
 * @example
 * createSessionCookie(token, sessionExpiresAt(session), clock.now())
 */
export function createSessionCookie(token: string, expiresAt: Date, now: Date): string {
  return serializeCookie(SESSION_COOKIE_NAME, token, attributes('/', secondsUntil(expiresAt, now)), now);
}

/**
 * The access-token cookie, living exactly as long as the token.
 *
 * @example
 * createAccessCookie(accessToken.token, accessToken.expiresInSeconds, now)
 */
export function createAccessCookie(token: string, maxAgeSeconds: number, now: Date): string {
  return serializeCookie(ACCESS_COOKIE_NAME, token, attributes('/', maxAgeSeconds), now);
}

/**
 * The refresh-token cookie, scoped to the refresh route and living until the session's expiry.
 *
 * @example
 * createRefreshCookie(refreshToken, sessionExpiresAt(session), now)
 */
export function createRefreshCookie(token: string, expiresAt: Date, now: Date): string {
  return serializeCookie(
    REFRESH_COOKIE_NAME,
    token,
    attributes(REFRESH_PATH, secondsUntil(expiresAt, now)),
    now,
  );
}

/**
 * Expiring `Set-Cookie`s that make the browser drop every Tessera cookie.
 *
 * @example
 * createBlankCookies(clock.now()).forEach((cookie) => headers.push(['set-cookie', cookie]))
 */
export function createBlankCookies(
  now: Date,
  names: readonly string[] = [SESSION_COOKIE_NAME, ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME],
): string[] {
  return names.map((name) =>
    serializeCookie(name, '', attributes(name === REFRESH_COOKIE_NAME ? REFRESH_PATH : '/', 0), now),
  );
}
