import type { AuthResponse } from '@tessera/core';
import type { PageRoute } from '@tessera/core/api';
import { needsReauthentication, problemOf, withRetryAfter, type ApiAnswer } from '../create-api-caller.js';
import { createAccountActionRoutes } from '../create-account-action-routes.js';
import type { PageContext, PageHandler, UiKit } from '../create-ui-kit.js';
import { readFormBody } from '../read-form-body.js';
import { REAUTHENTICATE_PATH } from '../render-mfa-pages.js';

/**
 * `GET /account` and the account page's own form posts: sign out (here, everywhere, one device),
 * change the password or the address, resend the confirmation link, unlink a provider. Each post
 * is one call to the API (and in jwt mode is also served under the refresh cookie's path).
 *
 * @example
 * const routes = createAccountRoutes(kit);
 */
export function createAccountRoutes(kit: UiKit): PageRoute[] {
  const { callApi, redirect, notSignedIn, accountPage } = kit;

  /** The account page again with the API's refusal on it (and its `Retry-After`). */
  async function refusedOnPage(context: PageContext, answer: ApiAnswer): Promise<AuthResponse> {
    const { code, text } = problemOf(answer);
    return withRetryAfter(await accountPage(context, answer.status, { kind: 'alert', code, text }), answer);
  }

  const actions: [string, PageHandler][] = [
    [
      '/logout',
      async (context) => {
        const { request } = context;
        const answer = await callApi(request, 'POST', '/auth/logout');
        if (answer.status === 401) return notSignedIn(context, answer);
        return redirect('/login', answer.cookies, 'signed-out');
      },
    ],
    [
      '/account/logout-all',
      async (context) => {
        const { request } = context;
        const answer = await callApi(request, 'POST', '/auth/logout-all');
        if (answer.status === 401) return notSignedIn(context, answer);
        return redirect('/login', answer.cookies, 'signed-out-everywhere');
      },
    ],
    [
      '/account/password',
      async (context) => {
        const { request } = context;
        const { currentPassword, newPassword } = readFormBody(request, ['currentPassword', 'newPassword']);
        const answer = await callApi(request, 'POST', '/auth/password', { currentPassword, newPassword });
        if (answer.status === 204) return redirect('/account', answer.cookies, 'password-changed');
        if (answer.status === 401 && problemOf(answer).code !== 'invalid_credentials') {
          return notSignedIn(context, answer);
        }
        return refusedOnPage(context, answer);
      },
    ],
    [
      '/account/email',
      async (context) => {
        const { request } = context;
        const answer = await callApi(
          request,
          'POST',
          '/auth/email/change',
          readFormBody(request, ['newEmail']),
        );
        if (answer.status === 202) return redirect('/account', answer.cookies, 'email-change-sent');
        if (answer.status === 401) return notSignedIn(context, answer);
        if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies);
        return refusedOnPage(context, answer);
      },
    ],
    [
      '/account/email/resend',
      async (context) => {
        const { request } = context;
        const answer = await callApi(request, 'POST', '/auth/email/verify/resend');
        if (answer.status === 202) return redirect('/account', answer.cookies, 'verification-sent');
        if (answer.status === 401) return notSignedIn(context, answer);
        if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies);
        return refusedOnPage(context, answer);
      },
    ],
    [
      // The unlink form of one provider.
      '/account/identities/:provider/unlink',
      async (context) => {
        const { request, params } = context;
        const answer = await callApi(request, 'DELETE', `/auth/identities/${params['provider'] ?? ''}`);
        if (answer.status === 401) return notSignedIn(context, answer);
        if (answer.status === 204) return redirect('/account', answer.cookies, 'identity-unlinked');
        if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies);
        const { code, text } = problemOf(answer);
        return accountPage(context, answer.status, { kind: 'alert', code, text });
      },
    ],
    [
      // The revoke form of one device.
      '/account/sessions/:id/revoke',
      async (context) => {
        const { request, params } = context;
        const answer = await callApi(request, 'DELETE', `/auth/sessions/${params['id'] ?? ''}`);
        if (answer.status === 401) return notSignedIn(context, answer);
        if (answer.status === 404) {
          const text = 'That device is already signed out.';
          return accountPage(context, 404, { kind: 'alert', code: 'not_found', text });
        }
        // Revoking the current session signs this browser out: the API clears its cookies.
        const signedOutHere = answer.cookies.some((cookie) => /^[^=]+=;/.test(cookie));
        return signedOutHere
          ? redirect('/login', answer.cookies, 'signed-out')
          : redirect('/account', answer.cookies, 'device-signed-out');
      },
    ],
  ];

  return [
    kit.route('GET', '/account', (context) => {
      const { message, cookies } = kit.takeNotice(context.request);
      return accountPage(context, 200, message, cookies);
    }),
    ...actions.flatMap(([path, action]) => createAccountActionRoutes(kit, path, action)),
  ];
}
