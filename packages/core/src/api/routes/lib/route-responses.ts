import type { AuthResponse } from '../../auth-request.js';
import { slidingCookies } from '../../request-guards.js';
import type { Caller, RouteContext } from '../../router/route.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A JSON answer. */
export function jsonResponse(status: number, body: unknown): AuthResponse {
  return { status, headers: [['content-type', JSON_CONTENT_TYPE]], body: JSON.stringify(body) };
}

/** An answer without a body. */
export function emptyResponse(status: number): AuthResponse {
  return { status, headers: [], body: null };
}

/** Adds `Set-Cookie` lines. */
export function appendCookies(response: AuthResponse, cookies: readonly string[]): void {
  for (const cookie of cookies) response.headers.push(['set-cookie', cookie]);
}

/** Re-sends the session cookie when the session's expiry moved. */
export function withSlidingCookie(
  response: AuthResponse,
  caller: Caller,
  context: RouteContext,
): AuthResponse {
  appendCookies(
    response,
    slidingCookies(caller.auth, caller.proof, context.cookies, context.now, context.services.authCookies),
  );
  return response;
}

/** Ends the caller's session: 204 and, for browsers, every cookie cleared. */
export function signedOut(caller: Caller, context: RouteContext): AuthResponse {
  const response = emptyResponse(204);
  if (caller.proof !== 'bearer') {
    appendCookies(response, context.services.authCookies.blankCookies(context.now));
  }
  return response;
}
