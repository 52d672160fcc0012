import type { Authenticated } from '../account/authenticate-session-token.js';
import { isCrossSiteRequest } from '../csrf/is-cross-site-request.js';
import { CsrfRejectedError, type ErrorCode } from '../errors.js';
import { sessionExpiresAt } from '../session/session-expiry.js';
import { hostOnlyAuthCookies, type AuthCookies } from './auth-cookies.js';
import type { AuthRequest, AuthResponse } from './auth-request.js';
import type { ProofKind, RequestAuthentication } from './authenticate-request.js';
import { problemResponse } from './problem.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The CSRF rule of DESIGN §3.1, for the auth routes and for an application's own routes alike:
 * an unsafe request that carries a Tessera cookie (or any login, `always`) must not come from
 * another site. `publicOrigin` is the origin of `TESSERA_PUBLIC_URL` when it is set (then the
 * server's own origin is exactly that), `null` otherwise. Throws `CsrfRejectedError`.
 *
 * @example
 * assertNotCrossSite(request, cookies, trustedOrigins, false, 'https://auth.example.com');
 */
export function assertNotCrossSite(
  request: AuthRequest,
  cookies: Readonly<Record<string, string>>,
  trustedOrigins: ReadonlySet<string>,
  always: boolean,
  publicOrigin: string | null = null,
  authCookies: AuthCookies = hostOnlyAuthCookies,
): void {
  const method = request.method.toUpperCase();
  if (!UNSAFE_METHODS.has(method)) return;
  if (!always && !authCookies.all.some((name) => cookies[name] !== undefined)) return;
  const crossSite = isCrossSiteRequest(
    {
      origin: request.headers['origin'] ?? null,
      secFetchSite: request.headers['sec-fetch-site'] ?? null,
      host: request.headers['host'] ?? null,
    },
    trustedOrigins,
    publicOrigin,
  );
  if (crossSite) throw new CsrfRejectedError();
}

const REFUSAL_MESSAGES: Record<Extract<RequestAuthentication, { kind: 'refused' }>['code'], string> = {
  ERR_UNAUTHENTICATED: 'Your session has ended. Sign in again.',
  ERR_INVALID_TOKEN: 'The access token is not valid.',
  ERR_TOKEN_EXPIRED: 'The access token has expired. Refresh it.',
  ERR_SESSION_REVOKED: 'This session was signed out. Sign in again.',
};

/**
 * The 401 for a request whose proof was refused, or that had none. A dead session cookie is
 * cleared; an access cookie too, unless it merely expired (the client refreshes and replaces it);
 * every Tessera cookie when one of them came twice.
 *
 * @example
 * if (result.kind !== 'authenticated') return unauthenticatedResponse(result, clock.now());
 */
export function unauthenticatedResponse(
  result: Exclude<RequestAuthentication, { kind: 'authenticated' }>,
  now: Date,
  authCookies: AuthCookies = hostOnlyAuthCookies,
): AuthResponse {
  if (result.kind === 'anonymous') {
    return problemResponse({ code: 'ERR_UNAUTHENTICATED', message: 'Sign in to continue.' });
  }
  const code: ErrorCode = result.code;
  const response = problemResponse(
    { code, message: REFUSAL_MESSAGES[result.code] },
    result.proof !== 'session-cookie',
  );
  const cleared =
    result.repeatedCookies !== undefined
      ? authCookies.all
      : result.proof === 'session-cookie'
        ? [authCookies.session]
        : result.proof === 'access-cookie' && result.code !== 'ERR_TOKEN_EXPIRED'
          ? [authCookies.access, authCookies.refresh]
          : [];
  if (cleared.length === 0) return response;
  for (const cookie of authCookies.blankCookies(now, cleared)) response.headers.push(['set-cookie', cookie]);
  return response;
}

/**
 * `Set-Cookie` values to send with a successful answer: the session cookie again when this request
 * slid the session's expiry (so the cookie's `Max-Age` follows the session).
 *
 * @example
 * for (const cookie of slidingCookies(auth, proof, cookies, now)) headers.push(['set-cookie', cookie]);
 */
export function slidingCookies(
  auth: Authenticated,
  proof: ProofKind,
  cookies: Readonly<Record<string, string>>,
  now: Date,
  authCookies: AuthCookies = hostOnlyAuthCookies,
): string[] {
  if (!auth.refreshed || proof !== 'session-cookie') return [];
  const token = cookies[authCookies.session] ?? '';
  return [authCookies.sessionCookie(token, sessionExpiresAt(auth.session), now)];
}
