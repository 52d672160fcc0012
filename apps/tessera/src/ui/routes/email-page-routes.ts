import type { AuthRequest, AuthResponse } from '@tessera/core';
import type { PageRoute } from '@tessera/core/api';
import { problemOf, type CallApi } from '../create-api-caller.js';
import type { UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { readFormBody } from '../read-form-body.js';
import {
  renderEmailDonePage,
  renderForgotPasswordPage,
  renderResetPasswordPage,
  renderVerifyEmailPage,
} from '../render-email-pages.js';

/** The pages a mailed link or the sign-in page opens (DESIGN §7). */
const EMAIL_PAGE_PATHS = ['/forgot-password', '/reset-password', '/verify-email'] as const;
type EmailPagePath = (typeof EMAIL_PAGE_PATHS)[number];

/**
 * `GET` and `POST` of `/forgot-password`, `/reset-password` and `/verify-email`.
 *
 * @example
 * const routes = createEmailPageRoutes(kit);
 */
export function createEmailPageRoutes(kit: UiKit): PageRoute[] {
  return EMAIL_PAGE_PATHS.flatMap((path) =>
    (['GET', 'POST'] as const).map((method) =>
      kit.route(method, path, ({ request }) => routeEmailPage(request, method, path, kit.callApi)),
    ),
  );
}

/** The shape of a token in a link (`<id>.<secret>`); anything else is not looked up at all. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

function tokenFromQuery(request: AuthRequest): string | null {
  let token: string | null;
  try {
    token = new URLSearchParams(request.query ?? '').get('token');
  } catch {
    return null;
  }
  return token !== null && TOKEN_PATTERN.test(token) ? token : null;
}

/**
 * Serves `/forgot-password`, `/reset-password` and `/verify-email` (the router has already refused
 * a cross-site POST). A GET never calls the API with the token: it only draws the form whose button
 * POSTs it.
 */
async function routeEmailPage(
  request: AuthRequest,
  method: 'GET' | 'POST',
  path: EmailPagePath,
  callApi: CallApi,
): Promise<AuthResponse> {
  const invalidLink = () =>
    page(
      400,
      renderEmailDonePage({
        title: 'This link does not work',
        message: {
          kind: 'alert',
          code: 'invalid_email_token',
          text: 'This link is invalid, was already used, or has expired. Ask for a new one.',
        },
        link:
          path === '/reset-password'
            ? { href: '/forgot-password', label: 'Ask for a new link' }
            : { href: '/account', label: 'Go to your account' },
      }),
    );
  // Every UI page is already `Cache-Control: no-store` with `Referrer-Policy: same-origin`: a page
  // holding a token is neither cached nor named in a `Referer` to another site.
  const private_ = (response: AuthResponse) => response;

  if (path === '/forgot-password') {
    if (method === 'GET')
      return page(200, renderForgotPasswordPage({ email: '', message: null, sent: false }));
    const { email } = readFormBody(request, ['email']);
    const answer = await callApi(request, 'POST', '/auth/password/forgot', { email });
    if (answer.status === 202)
      return page(200, renderForgotPasswordPage({ email, message: null, sent: true }));
    const response = page(
      answer.status,
      renderForgotPasswordPage({ email, message: { kind: 'alert', ...problemOf(answer) }, sent: false }),
    );
    if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
    return response;
  }

  if (path === '/reset-password') {
    if (method === 'GET') {
      const token = tokenFromQuery(request);
      return private_(
        token === null ? invalidLink() : page(200, renderResetPasswordPage({ token, message: null })),
      );
    }
    const { token, newPassword } = readFormBody(request, ['token', 'newPassword']);
    const answer = await callApi(request, 'POST', '/auth/password/reset', { token, newPassword });
    if (answer.status === 204) {
      return page(
        200,
        renderEmailDonePage({
          title: 'Your password is changed',
          message: { kind: 'notice', text: 'Every device was signed out. Sign in with your new password.' },
          link: { href: '/login', label: 'Sign in' },
        }),
        answer.cookies,
      );
    }
    const problem = problemOf(answer);
    if (problem.code === 'invalid_email_token' || !TOKEN_PATTERN.test(token)) return private_(invalidLink());
    return private_(
      page(answer.status, renderResetPasswordPage({ token, message: { kind: 'alert', ...problem } })),
    );
  }

  // /verify-email
  if (method === 'GET') {
    const token = tokenFromQuery(request);
    return private_(token === null ? invalidLink() : page(200, renderVerifyEmailPage({ token })));
  }
  const { token } = readFormBody(request, ['token']);
  const answer = await callApi(request, 'POST', '/auth/email/verify', { token });
  if (answer.status === 200) {
    const user = answer.body['user'] as { email?: unknown } | undefined;
    const email = typeof user?.email === 'string' ? user.email : 'Your address';
    return page(
      200,
      renderEmailDonePage({
        title: 'Address confirmed',
        message: { kind: 'notice', text: `${email} is confirmed. Thank you.` },
        link: { href: '/account', label: 'Go to your account' },
      }),
    );
  }
  if (answer.status === 409) {
    return page(
      409,
      renderEmailDonePage({
        title: 'This address is taken',
        message: { kind: 'alert', ...problemOf(answer) },
        link: { href: '/account', label: 'Go to your account' },
      }),
    );
  }
  return private_(invalidLink());
}
