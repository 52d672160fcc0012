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

function attributes(path: string, maxAgeSeconds: number, domain: string | null = null): CookieAttributes {
  return { path, domain, maxAgeSeconds, httpOnly: true, secure: true, sameSite: 'lax' };
}

function secondsUntil(instant: Date, now: Date): number {
  return Math.max(0, Math.floor((instant.getTime() - now.getTime()) / 1000));
}

/**
 * The session cookie, living until the session's expiry (host-only `__Host-` name; a server with
 * `TESSERA_COOKIE_DOMAIN` uses its `AuthCookies.sessionCookie`).
 *
 * @example
 * createSessionCookie(token, sessionExpiresAt(session), clock.now())
 */
export function createSessionCookie(token: string, expiresAt: Date, now: Date): string {
  return hostOnlyAuthCookies.sessionCookie(token, expiresAt, now);
}

/**
 * The access-token cookie, living exactly as long as the token.
 *
 * @example
 * createAccessCookie(accessToken.token, accessToken.expiresInSeconds, now)
 */
export function createAccessCookie(token: string, maxAgeSeconds: number, now: Date): string {
  return hostOnlyAuthCookies.accessCookie(token, maxAgeSeconds, now);
}

/**
 * The refresh-token cookie, scoped to the refresh route and living until the session's expiry.
 *
 * @example
 * createRefreshCookie(refreshToken, sessionExpiresAt(session), now)
 */
export function createRefreshCookie(token: string, expiresAt: Date, now: Date): string {
  return hostOnlyAuthCookies.refreshCookie(token, expiresAt, now);
}

/**
 * Expiring `Set-Cookie`s that make the browser drop every Tessera cookie.
 *
 * @example
 * createBlankCookies(clock.now()).forEach((cookie) => headers.push(['set-cookie', cookie]))
 */
export function createBlankCookies(now: Date, names: readonly string[] = AUTH_COOKIES): string[] {
  return hostOnlyAuthCookies.blankCookies(now, names);
}

/**
 * Tessera's cookies as one server names and scopes them: host-only `__Host-` cookies by default, or
 * `__Secure-` cookies with a `Domain` shared by several subdomains (`TESSERA_COOKIE_DOMAIN`, DESIGN
 * §10; docs/decisions/0055-cookie-domain.md). Built once per handler by `createAuthCookies`.
 *
 * @example
 * const cookies: AuthCookies = createAuthCookies(cookieDomain);
 * headers.append('Set-Cookie', cookies.sessionCookie(token, session.absoluteExpiresAt, now));
 */
export interface AuthCookies {
  /** The `Domain` attribute, or `null` for host-only cookies. */
  readonly domain: string | null;
  /** Session mode's cookie name. */
  readonly session: string;
  /** JWT cookie mode: the access-token cookie name. */
  readonly access: string;
  /** JWT cookie mode: the refresh-token cookie name (sent to `REFRESH_PATH` only). */
  readonly refresh: string;
  /** Every name above. */
  readonly all: readonly string[];
  /** The session cookie, living until the session's expiry. */
  sessionCookie(token: string, expiresAt: Date, now: Date): string;
  /** The access-token cookie, living exactly as long as the token. */
  accessCookie(token: string, maxAgeSeconds: number, now: Date): string;
  /** The refresh-token cookie, scoped to the refresh route, living until the session's expiry. */
  refreshCookie(token: string, expiresAt: Date, now: Date): string;
  /** Expiring `Set-Cookie`s for `names` (default: all of ours). */
  blankCookies(now: Date, names?: readonly string[]): string[];
}

/**
 * Names and scopes Tessera's cookies for one server. `domain` `null`: the DESIGN §3 defaults
 * (`__Host-` host-only session and access cookies). A domain: every cookie gets `Domain=<domain>` and
 * the `__Secure-` prefix (`__Host-` forbids `Domain`), so every subdomain of it shares the sign-in.
 * The domain must already be checked (`checkCookieDomain`).
 *
 * @example
 * const cookies = createAuthCookies('example.com');
 * cookies.session; // '__Secure-tessera-session'
 */
export function createAuthCookies(domain: string | null): AuthCookies {
  const session = domain === null ? SESSION_COOKIE_NAME : '__Secure-tessera-session';
  const access = domain === null ? ACCESS_COOKIE_NAME : '__Secure-tessera-access';
  const refresh = REFRESH_COOKIE_NAME;
  const all = Object.freeze([session, access, refresh]);
  return {
    domain,
    session,
    access,
    refresh,
    all,
    sessionCookie: (token, expiresAt, now) =>
      serializeCookie(session, token, attributes('/', secondsUntil(expiresAt, now), domain), now),
    accessCookie: (token, maxAgeSeconds, now) =>
      serializeCookie(access, token, attributes('/', maxAgeSeconds, domain), now),
    refreshCookie: (token, expiresAt, now) =>
      serializeCookie(refresh, token, attributes(REFRESH_PATH, secondsUntil(expiresAt, now), domain), now),
    blankCookies(now, names = all) {
      const lines = names.map((name) =>
        serializeCookie(name, '', attributes(name === refresh ? REFRESH_PATH : '/', 0, domain), now),
      );
      // The refresh cookie keeps its name with or without a domain: a host-only one left from before
      // the domain was configured would otherwise come along with the new one forever (two values
      // of one name are refused, DESIGN §3.2), so it is expired too.
      if (domain !== null && names.includes(refresh)) {
        lines.push(serializeCookie(refresh, '', attributes(REFRESH_PATH, 0), now));
      }
      return lines;
    },
  };
}

/**
 * The DESIGN §3 default: host-only `__Host-` session and access cookies.
 *
 * @example
 * hostOnlyAuthCookies.session; // '__Host-tessera-session'
 */
export const hostOnlyAuthCookies: AuthCookies = createAuthCookies(null);
