import type { PageRoute } from '@tessera/core/api';
import { parseCookieHeader } from '@tessera/core/cookie';
import type { PageContext, UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { CONTINUE_PATH, renderContinuePage } from '../render-continue-page.js';

/**
 * jwt mode only: `GET` and `POST /auth/refresh/continue`, where a page whose access cookie is gone
 * renews the sign-in with the refresh cookie (which the browser sends only under that path).
 *
 * @example
 * const routes = createContinueRoutes(kit); // [] in session mode
 */
export function createContinueRoutes(kit: UiKit): PageRoute[] {
  if (kit.cookieMode !== 'jwt') return [];
  const hasRefresh = ({ request, authCookies }: PageContext) =>
    parseCookieHeader(request.headers['cookie'])[authCookies.refresh] !== undefined;
  return [
    kit.route('GET', CONTINUE_PATH, (context) =>
      Promise.resolve(hasRefresh(context) ? page(200, renderContinuePage()) : kit.redirect('/login')),
    ),
    kit.route('POST', CONTINUE_PATH, async (context) => {
      const { request } = context;
      if (!hasRefresh(context)) return kit.redirect('/login', [], 'session-ended');
      const answer = await kit.callApi(request, 'POST', '/auth/refresh');
      return answer.status === 200
        ? kit.redirect('/account', answer.cookies)
        : kit.redirect('/login', answer.cookies, answer.status === 429 ? null : 'session-ended');
    }),
  ];
}
