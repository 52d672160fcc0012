import { serializeCookie } from '../cookie/index.js';

/** The session-mode cookie (DESIGN §3): `__Host-` so it is Secure, host-only and `Path=/`. */
export const SESSION_COOKIE_NAME = '__Host-tessera-session';

/**
 * The `Set-Cookie` value carrying a session token until the session's expiry.
 *
 * @example
 * createSessionCookie(token, sessionExpiresAt(session), clock.now())
 */
export function createSessionCookie(token: string, expiresAt: Date, now: Date): string {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return serializeCookie(SESSION_COOKIE_NAME, token, sessionCookieAttributes(maxAgeSeconds), now);
}

/**
 * An expiring `Set-Cookie` that makes the browser drop the session cookie.
 *
 * @example
 * createBlankSessionCookie(clock.now())
 */
export function createBlankSessionCookie(now: Date): string {
  return serializeCookie(SESSION_COOKIE_NAME, '', sessionCookieAttributes(0), now);
}

function sessionCookieAttributes(maxAgeSeconds: number) {
  return {
    path: '/',
    domain: null,
    maxAgeSeconds,
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
  } as const;
}
