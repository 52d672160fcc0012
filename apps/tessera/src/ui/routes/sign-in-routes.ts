import type { AuthRequest, AuthResponse } from '@tessera/core';
import type { PageRoute } from '@tessera/core/api';
import { problemOf, withRetryAfter } from '../create-api-caller.js';
import type { PageContext, UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { readFormBody } from '../read-form-body.js';
import { renderMfaCodePage } from '../render-mfa-code-page.js';
import type { PageMessage } from '../render-page.js';
import { renderSignInPage } from '../render-sign-in-page.js';

/** `/login?error=<code>`: where a provider sign-in that failed ends (DESIGN §8), in words. */
const PROVIDER_ERRORS: Readonly<Record<string, string>> = {
  oauth_failed: 'Signing in with that provider did not work, and nothing was changed. Try again.',
  account_exists:
    'An account with this email address already exists. Sign in with your password, then link the provider from your account page.',
  account_disabled: 'This account is disabled. Contact the administrator.',
};

/**
 * `GET` and `POST` of `/login` and `/register`: the forms, and their posts as one API call each.
 *
 * @example
 * const routes = createSignInRoutes(kit);
 */
export function createSignInRoutes(kit: UiKit): PageRoute[] {
  const { providers } = kit;

  async function signInPost(
    { request, passkeys }: PageContext,
    form: 'login' | 'register',
  ): Promise<AuthResponse> {
    const { email, password } = readFormBody(request, ['email', 'password']);
    const path = form === 'login' ? '/auth/login' : '/auth/register';
    const answer = await kit.callApi(request, 'POST', path, { email, password });
    if (answer.status === 200 || answer.status === 201) {
      // Exactly the API's cookies: nothing of the UI's own rides on a sign-in.
      return kit.redirect('/account', answer.cookies);
    }
    const { code, text } = problemOf(answer);
    if (code === 'mfa_required' && typeof answer.body['mfaToken'] === 'string') {
      return page(200, renderMfaCodePage({ mfaToken: answer.body['mfaToken'] }), answer.cookies);
    }
    const markup = renderSignInPage({
      form,
      email,
      passkeys,
      message: { kind: 'alert', code, text },
      providers,
    });
    return withRetryAfter(page(answer.status, markup, answer.cookies), answer);
  }

  return (['login', 'register'] as const).flatMap((form) => [
    kit.route('GET', `/${form}`, ({ request, passkeys }) => {
      const { message, cookies } = kit.takeNotice(request);
      const shown = providerError(request) ?? message;
      return Promise.resolve(
        page(200, renderSignInPage({ form, passkeys, message: shown, providers }), cookies),
      );
    }),
    kit.route('POST', `/${form}`, (context) => signInPost(context, form)),
  ]);
}

/** The message for `?error=<code>` after a provider sign-in that failed; `null` without one. */
function providerError(request: AuthRequest): PageMessage | null {
  const code = new URLSearchParams((request.query ?? '').slice(0, 256)).get('error');
  if (code === null || !Object.hasOwn(PROVIDER_ERRORS, code)) return null;
  return { kind: 'alert', code, text: PROVIDER_ERRORS[code] ?? '' };
}
