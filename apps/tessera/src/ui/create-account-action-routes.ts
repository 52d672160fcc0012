import type { AuthRequest, AuthResponse } from '@tessera/core';
import type { PageRoute } from '@tessera/core/api';
import { REFRESH_PATH } from '@tessera/core/cookie';
import type { ApiAnswer } from './create-api-caller.js';
import type { PageContext, PageHandler, UiKit } from './create-ui-kit.js';

/**
 * The routes of one form post that acts on the signed-in account: `POST path`, and in jwt mode the
 * same action under the refresh cookie's path (`/auth/refresh/<path>`), where a browser whose access
 * cookie is gone or expired is sent to repeat it (307) and the sign-in is renewed first (decision 0014).
 *
 * @example
 * const routes = createAccountActionRoutes(kit, '/account/logout-all', signOutEverywhere);
 */
export function createAccountActionRoutes(kit: UiKit, path: string, action: PageHandler): PageRoute[] {
  const routes = [kit.route('POST', path, action)];
  if (kit.cookieMode !== 'jwt') return routes;
  routes.push(
    kit.route('POST', `${REFRESH_PATH}${path}`, async (context) => {
      const renewal = await renewSignIn(kit, context);
      if ('refused' in renewal) {
        if (renewal.refused.status !== 401) return kit.apiRefusal(renewal.refused);
        // No live session is left to act on: signing out is done, anything else is not.
        const notice = path === '/logout' ? 'signed-out' : 'session-ended-unchanged';
        return kit.redirect('/login', renewal.refused.cookies, notice);
      }
      return withRenewedCookies(await action({ ...context, request: renewal.request }), renewal.cookies);
    }),
  );
  return routes;
}

/**
 * jwt mode, an account action posted under the refresh cookie's path: the request as it proves
 * the caller to the API. With a live access cookie, unchanged; with none or an expired one, the
 * refresh cookie is renewed through `POST /auth/refresh` (rotation, reuse grace and all) and the
 * request carries the new access cookie, whose `Set-Cookie`s the answer must pass on.
 */
async function renewSignIn(
  kit: UiKit,
  { request, authCookies }: PageContext,
): Promise<{ request: AuthRequest; cookies: string[] } | { refused: ApiAnswer }> {
  const me = await kit.callApi(request, 'GET', '/auth/me');
  if (me.status === 200) return { request, cookies: [] };
  const refreshed = await kit.callApi(request, 'POST', '/auth/refresh');
  const access = refreshed.status === 200 ? readSetCookieValue(refreshed.cookies, authCookies.access) : null;
  if (access === null) return { refused: refreshed };
  const cookie = replaceCookie(request.headers['cookie'], authCookies.access, access);
  return { request: { ...request, headers: { ...request.headers, cookie } }, cookies: refreshed.cookies };
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
