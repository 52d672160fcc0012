import type { PageRoute } from '@tessera/core/api';
import { createPendingSecondStepCookie, PENDING_SECOND_STEP_COOKIE_NAME } from '@tessera/core/account';
import { parseCookieHeader } from '@tessera/core/cookie';
import { problemOf, withRetryAfter } from '../create-api-caller.js';
import type { UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { readFormBody } from '../read-form-body.js';
import { renderMfaCodePage } from '../render-mfa-code-page.js';
import { renderSignInPage } from '../render-sign-in-page.js';

/** The second step of signing in (DESIGN §9): the code form posts here. */
const MFA_CODE_PATH = '/login/mfa';
/** A 6-digit code is the authenticator app's; anything else is tried as a recovery code. */
const TOTP_CODE = /^[0-9]{6}$/;

/**
 * `GET` and `POST /login/mfa`: the code form of the second step, and its post as one call to
 * `POST /auth/login/mfa`.
 *
 * @example
 * const routes = createMfaCodeRoutes(kit);
 */
export function createMfaCodeRoutes(kit: UiKit): PageRoute[] {
  return [
    kit.route('GET', MFA_CODE_PATH, ({ request }) => {
      // Arrived from a provider sign-in that needs the second step: the mfaToken rides in a cookie,
      // which this page takes (and drops) into its form.
      const mfaToken = parseCookieHeader(request.headers['cookie'])[PENDING_SECOND_STEP_COOKIE_NAME];
      const dropped = [createPendingSecondStepCookie('', kit.clock.now())];
      if (mfaToken === undefined || mfaToken === '') return Promise.resolve(kit.redirect('/login', dropped));
      return Promise.resolve(page(200, renderMfaCodePage({ mfaToken }), dropped));
    }),
    kit.route('POST', MFA_CODE_PATH, async ({ request }) => {
      const { mfaToken, code } = readFormBody(request, ['mfaToken', 'code']);
      const typed = code.trim();
      const answer = await kit.callApi(
        request,
        'POST',
        '/auth/login/mfa',
        TOTP_CODE.test(typed) ? { mfaToken, code: typed } : { mfaToken, recoveryCode: typed },
      );
      if (answer.status === 200) return kit.redirect('/account', answer.cookies);
      const problem = problemOf(answer);
      const message = { kind: 'alert', code: problem.code, text: problem.text } as const;
      // A dead mfaToken (expired, used, 5 wrong codes): back to the password.
      const markup =
        problem.code === 'invalid_code'
          ? renderMfaCodePage({ mfaToken, message })
          : renderSignInPage({ form: 'login', message });
      return withRetryAfter(page(answer.status, markup, answer.cookies), answer);
    }),
  ];
}
