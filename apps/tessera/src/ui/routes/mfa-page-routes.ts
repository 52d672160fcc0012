import { InvalidRequestError, ReauthenticationRequiredError, type AuthResponse } from '@tessera/core';
import { readPendingTotpEnrolment, renderTotpQrCodeSvg, type TotpEnrolment } from '@tessera/core/account';
import type { PageRoute } from '@tessera/core/api';
import { needsReauthentication, type ApiAnswer } from '../create-api-caller.js';
import { createAccountActionRoutes } from '../create-account-action-routes.js';
import type { PageContext, UiKit } from '../create-ui-kit.js';
import { page } from '../page-responses.js';
import { readFormBody } from '../read-form-body.js';
import type { PageMessage } from '../render-page.js';
import {
  REAUTHENTICATE_PATH,
  RECOVERY_CODES_PATH,
  renderReauthenticatePage,
  renderRecoveryCodesPage,
  renderTotpSetupPage,
  TOTP_CONFIRM_PATH,
  TOTP_DISABLE_PATH,
  TOTP_START_PATH,
} from '../render-mfa-pages.js';

/** The form posts of two-step verification and of "confirm it is you" (DESIGN §9). */
const MFA_ACTION_PATHS = [
  TOTP_START_PATH,
  TOTP_CONFIRM_PATH,
  TOTP_DISABLE_PATH,
  RECOVERY_CODES_PATH,
  REAUTHENTICATE_PATH,
] as const;

/**
 * `GET /account/reauthenticate` and the form posts of two-step verification (each also under the
 * refresh cookie's path in jwt mode).
 *
 * @example
 * const routes = createMfaPageRoutes(kit);
 */
export function createMfaPageRoutes(kit: UiKit): PageRoute[] {
  return [
    kit.route('GET', REAUTHENTICATE_PATH, (context) => showReauthenticatePage(context, kit)),
    ...MFA_ACTION_PATHS.flatMap((path) =>
      createAccountActionRoutes(kit, path, (context) => routeMfaAction(context, path, kit)),
    ),
  ];
}

function problemOf(answer: ApiAnswer): PageMessage {
  const code = typeof answer.body['code'] === 'string' ? answer.body['code'] : 'error';
  const text = typeof answer.body['detail'] === 'string' ? answer.body['detail'] : 'Something went wrong.';
  return { kind: 'alert', code, text };
}

function withRetryAfter(response: AuthResponse, answer: ApiAnswer): AuthResponse {
  if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
  return response;
}

/**
 * `GET /account/reauthenticate`: the "confirm it is you" page, with a code form when the user has
 * an authenticator app.
 */
async function showReauthenticatePage(
  context: PageContext,
  tools: UiKit,
  status = 200,
  message: PageMessage | null = null,
): Promise<AuthResponse> {
  const factors = await tools.callApi(context.request, 'GET', '/auth/mfa');
  if (factors.status !== 200) return tools.notSignedIn(context, factors);
  const totp = factors.body['totp'] === true;
  return page(status, renderReauthenticatePage({ totp, message }), factors.cookies);
}

/**
 * One form post of two-step verification (`path` one of `MFA_ACTION_PATHS`), as calls to the API.
 * Secrets and codes only ever travel in form bodies and page markup, never in a URL or a log line.
 */
async function routeMfaAction(
  context: PageContext,
  path: (typeof MFA_ACTION_PATHS)[number],
  tools: UiKit,
): Promise<AuthResponse> {
  const { request } = context;
  const { callApi, redirect } = tools;
  /** The answers every action shares: not signed in, too old a sign-in, anything else refused. */
  const refusal = async (answer: ApiAnswer): Promise<AuthResponse> => {
    if (answer.status === 401) return tools.notSignedIn(context, answer);
    if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies, null);
    return withRetryAfter(await tools.accountPage(context, answer.status, problemOf(answer)), answer);
  };

  if (path === REAUTHENTICATE_PATH) {
    const { kind } = readFormBody(request, ['kind']);
    if (kind !== 'password' && kind !== 'code') throw new InvalidRequestError('Send a password or a code.');
    const body =
      kind === 'password'
        ? { password: readFormBody(request, ['password']).password }
        : { code: readFormBody(request, ['code']).code.trim() };
    const answer = await callApi(request, 'POST', '/auth/reauthenticate', body);
    if (answer.status === 200) return redirect('/account', answer.cookies, 'reauthenticated');
    const problem = problemOf(answer);
    if (answer.status === 401 && problem.kind === 'alert' && problem.code === 'unauthenticated') {
      return tools.notSignedIn(context, answer);
    }
    // A wrong password or code (401), a malformed one (400), or the login throttle (429): the form again.
    const response = await showReauthenticatePage(context, tools, answer.status, problem);
    response.headers.push(...answer.cookies.map((cookie): [string, string] => ['set-cookie', cookie]));
    return withRetryAfter(response, answer);
  }

  if (path === TOTP_START_PATH) {
    const answer = await callApi(request, 'POST', '/auth/mfa/totp');
    if (answer.status !== 200) return refusal(answer);
    const secret = String(answer.body['secret']);
    const qrCodeSvg = await renderTotpQrCodeSvg(String(answer.body['otpauthUrl']));
    return page(200, renderTotpSetupPage({ secret, qrCodeSvg }), answer.cookies);
  }

  if (path === TOTP_CONFIRM_PATH) {
    const { code } = readFormBody(request, ['code']);
    const answer = await callApi(request, 'POST', '/auth/mfa/totp/confirm', { code: code.trim() });
    if (answer.status === 200) {
      const recoveryCodes = (answer.body['recoveryCodes'] ?? []) as string[];
      return page(200, renderRecoveryCodesPage({ recoveryCodes, justEnabled: true }), answer.cookies);
    }
    const problem = problemOf(answer);
    if (answer.status === 400 && problem.kind === 'alert' && problem.code === 'invalid_code') {
      const again = await showSetupPageAgain(context, tools, problem, answer);
      if (again !== null) return again;
    }
    return refusal(answer);
  }

  if (path === RECOVERY_CODES_PATH) {
    const answer = await callApi(request, 'POST', '/auth/mfa/recovery-codes');
    if (answer.status !== 200) return refusal(answer);
    const recoveryCodes = (answer.body['recoveryCodes'] ?? []) as string[];
    return page(200, renderRecoveryCodesPage({ recoveryCodes, justEnabled: false }), answer.cookies);
  }

  // TOTP_DISABLE_PATH
  const answer = await callApi(request, 'DELETE', '/auth/mfa/totp');
  if (answer.status === 204) return redirect('/account', answer.cookies, 'totp-disabled');
  return refusal(answer);
}

/**
 * A mistyped first code: the setup page again with the same key and QR code, read back from the
 * enrolment under way (decision 0067), so nothing of the secret rides in the form. `null` when
 * none is under way or the request is not signed in (the account page then says why). An old
 * sign-in may confirm but not read the key: it is sent to "confirm it is you".
 */
async function showSetupPageAgain(
  context: PageContext,
  tools: UiKit,
  message: PageMessage,
  answer: ApiAnswer,
): Promise<AuthResponse | null> {
  // The sliding cookie, if any, is already in the confirm call's answer: `caller.headers` is not sent twice.
  const caller = await tools.authenticate(context.request);
  if (caller.kind !== 'authenticated') return null;
  let enrolment: TotpEnrolment | null;
  try {
    enrolment = await readPendingTotpEnrolment(context.deps, caller.auth);
  } catch (error) {
    if (!(error instanceof ReauthenticationRequiredError)) throw error;
    return tools.redirect(REAUTHENTICATE_PATH, answer.cookies, null);
  }
  if (enrolment === null) return null;
  const qrCodeSvg = await renderTotpQrCodeSvg(enrolment.otpauthUrl);
  return page(400, renderTotpSetupPage({ secret: enrolment.secret, qrCodeSvg, message }), answer.cookies);
}
