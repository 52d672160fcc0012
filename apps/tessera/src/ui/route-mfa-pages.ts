import { InvalidRequestError, type AuthRequest, type AuthResponse } from '@tessera/core';
import { renderTotpQrCodeSvg } from '@tessera/core/account';
import { readFormBody } from './read-form-body.js';
import type { PageMessage } from './render-page.js';
import type { EmailPageApiAnswer } from './route-email-pages.js';
import {
  REAUTHENTICATE_PATH,
  RECOVERY_CODES_PATH,
  renderReauthenticatePage,
  renderRecoveryCodesPage,
  renderTotpSetupPage,
  TOTP_CONFIRM_PATH,
  TOTP_DISABLE_PATH,
  TOTP_START_PATH,
} from './render-mfa-pages.js';

/** The form posts of two-step verification and of "confirm it is you" (DESIGN §9). */
export const MFA_ACTION_PATHS: ReadonlySet<string> = new Set([
  TOTP_START_PATH,
  TOTP_CONFIRM_PATH,
  TOTP_DISABLE_PATH,
  RECOVERY_CODES_PATH,
  REAUTHENTICATE_PATH,
]);

/** The notices these pages leave for the account page (the UI handler words them). */
export type MfaNotice = 'totp-disabled' | 'reauthenticated';

/** The UI handler's own helpers these pages use. */
export interface MfaPageTools {
  callApi: (
    request: AuthRequest,
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<EmailPageApiAnswer>;
  page: (status: number, markup: string, cookies?: readonly string[]) => AuthResponse;
  redirect: (location: string, cookies: readonly string[], notice: MfaNotice | null) => AuthResponse;
  /** Where a request the API does not take as signed in goes (sign in, or jwt mode's renewal). */
  notSignedIn: (request: AuthRequest, answer: EmailPageApiAnswer) => AuthResponse;
  /** The account page again, with an error on it. */
  accountPage: (request: AuthRequest, status: number, message: PageMessage) => Promise<AuthResponse>;
}

/** A base32 secret as `POST /auth/mfa/totp` hands it out (only echoed back onto its own page). */
const SECRET_PATTERN = /^[A-Z2-7]{16,128}$/;
const OTPAUTH_URL_MAX_LENGTH = 1024;

/**
 * The API refused because the sign-in is too old for this action: the answer for a form post is
 * then the "confirm it is you" page, after which the user tries again (nothing is replayed).
 *
 * @example
 * if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies, null);
 */
export function needsReauthentication(answer: EmailPageApiAnswer): boolean {
  return answer.status === 403 && answer.body['code'] === 'reauthentication_required';
}

function problemOf(answer: EmailPageApiAnswer): PageMessage {
  const code = typeof answer.body['code'] === 'string' ? answer.body['code'] : 'error';
  const text = typeof answer.body['detail'] === 'string' ? answer.body['detail'] : 'Something went wrong.';
  return { kind: 'alert', code, text };
}

function withRetryAfter(response: AuthResponse, answer: EmailPageApiAnswer): AuthResponse {
  if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
  return response;
}

/**
 * `GET /account/reauthenticate`: the "confirm it is you" page, with a code form when the user has
 * an authenticator app.
 *
 * @example
 * return showReauthenticatePage(request, tools);
 */
export async function showReauthenticatePage(
  request: AuthRequest,
  tools: MfaPageTools,
  status = 200,
  message: PageMessage | null = null,
): Promise<AuthResponse> {
  const factors = await tools.callApi(request, 'GET', '/auth/mfa');
  if (factors.status !== 200) return tools.notSignedIn(request, factors);
  const totp = factors.body['totp'] === true;
  return tools.page(status, renderReauthenticatePage({ totp, message }), factors.cookies);
}

/**
 * One form post of two-step verification (`path` one of `MFA_ACTION_PATHS`), as calls to the API.
 * Secrets and codes only ever travel in form bodies and page markup, never in a URL or a log line.
 *
 * @example
 * if (MFA_ACTION_PATHS.has(path)) return routeMfaAction(request, path, tools);
 */
export async function routeMfaAction(
  request: AuthRequest,
  path: string,
  tools: MfaPageTools,
): Promise<AuthResponse> {
  const { callApi, page, redirect } = tools;
  /** The answers every action shares: not signed in, too old a sign-in, anything else refused. */
  const refusal = async (answer: EmailPageApiAnswer): Promise<AuthResponse> => {
    if (answer.status === 401) return tools.notSignedIn(request, answer);
    if (needsReauthentication(answer)) return redirect(REAUTHENTICATE_PATH, answer.cookies, null);
    return withRetryAfter(await tools.accountPage(request, answer.status, problemOf(answer)), answer);
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
      return tools.notSignedIn(request, answer);
    }
    // A wrong password or code (401), a malformed one (400), or the login throttle (429): the form again.
    const response = await showReauthenticatePage(request, tools, answer.status, problem);
    response.headers.push(...answer.cookies.map((cookie): [string, string] => ['set-cookie', cookie]));
    return withRetryAfter(response, answer);
  }

  if (path === TOTP_START_PATH) {
    const answer = await callApi(request, 'POST', '/auth/mfa/totp');
    if (answer.status !== 200) return refusal(answer);
    const secret = String(answer.body['secret']);
    const otpauthUrl = String(answer.body['otpauthUrl']);
    const qrCodeSvg = await renderTotpQrCodeSvg(otpauthUrl);
    return page(200, renderTotpSetupPage({ secret, otpauthUrl, qrCodeSvg }), answer.cookies);
  }

  if (path === TOTP_CONFIRM_PATH) {
    const { code, secret, otpauthUrl } = readFormBody(request, ['code', 'secret', 'otpauthUrl']);
    const answer = await callApi(request, 'POST', '/auth/mfa/totp/confirm', { code: code.trim() });
    if (answer.status === 200) {
      const recoveryCodes = (answer.body['recoveryCodes'] ?? []) as string[];
      return page(200, renderRecoveryCodesPage({ recoveryCodes, justEnabled: true }), answer.cookies);
    }
    const problem = problemOf(answer);
    const echoable =
      SECRET_PATTERN.test(secret) &&
      otpauthUrl.length <= OTPAUTH_URL_MAX_LENGTH &&
      otpauthUrl.startsWith('otpauth://totp/') &&
      otpauthUrl.includes(`secret=${secret}`);
    // A mistyped code: the same QR code and key again (the server still holds that pending secret).
    if (answer.status === 400 && problem.kind === 'alert' && problem.code === 'invalid_code' && echoable) {
      const qrCodeSvg = await renderTotpQrCodeSvg(otpauthUrl);
      return page(
        400,
        renderTotpSetupPage({ secret, otpauthUrl, qrCodeSvg, message: problem }),
        answer.cookies,
      );
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
