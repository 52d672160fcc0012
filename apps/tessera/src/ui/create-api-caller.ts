import type { AuthHandler, AuthRequest, AuthResponse } from '@tessera/core';

/** What one call to the API answered, as the pages read it. */
export interface ApiAnswer {
  status: number;
  cookies: string[];
  retryAfter: string | null;
  body: Record<string, unknown>;
}

/**
 * One in-process call to the JSON API, made with the browser's own request (its cookies, origin
 * and address) but another method, path and JSON body.
 *
 * @example
 * const me = await callApi(request, 'GET', '/auth/me');
 */
export type CallApi = (
  request: AuthRequest,
  method: string,
  path: string,
  body?: unknown,
) => Promise<ApiAnswer>;

/**
 * The API answered 5xx (it has logged why): the page says so in words.
 *
 * @example
 * if (response.status >= 500) throw new ApiFaultError(response.status);
 */
export class ApiFaultError extends Error {
  override readonly name = 'ApiFaultError';
  constructor(readonly status: number) {
    super(`The API answered ${status}.`);
  }
}

/**
 * The UI's way to the API: every form post is one call (a page may read a few), so no policy is
 * repeated in the UI. A 5xx answer throws `ApiFaultError`.
 *
 * @example
 * const callApi = createApiCaller(tessera.handle);
 */
export function createApiCaller(api: AuthHandler): CallApi {
  return async function callApi(request, method, path, body) {
    const headers: Record<string, string | undefined> = { ...request.headers, 'content-type': undefined };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await api({
      ...request,
      method,
      path,
      headers,
      body: body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body)),
    });
    const header = (name: string) =>
      response.headers.filter(([key]) => key === name).map(([, value]) => value);
    let parsed: unknown = null;
    try {
      parsed = response.body === null || response.body === '' ? null : JSON.parse(response.body);
    } catch {
      parsed = null;
    }
    if (response.status >= 500) throw new ApiFaultError(response.status);
    return {
      status: response.status,
      cookies: header('set-cookie'),
      retryAfter: header('retry-after')[0] ?? null,
      body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {},
    };
  };
}

/**
 * The problem the API answered, as an alert's code and words.
 *
 * @example
 * const { code, text } = problemOf(answer);
 */
export function problemOf(answer: ApiAnswer): { code: string; text: string } {
  const code = typeof answer.body['code'] === 'string' ? answer.body['code'] : 'error';
  const text = typeof answer.body['detail'] === 'string' ? answer.body['detail'] : 'Something went wrong.';
  return { code, text };
}

/**
 * The page with the API's `Retry-After` passed on (a throttle), in place.
 *
 * @example
 * return withRetryAfter(page(answer.status, markup, answer.cookies), answer);
 */
export function withRetryAfter(response: AuthResponse, answer: ApiAnswer): AuthResponse {
  if (answer.retryAfter !== null) response.headers.push(['retry-after', answer.retryAfter]);
  return response;
}

/**
 * The API refused because the sign-in is too old for this action: the answer for a form post is
 * then the "confirm it is you" page, after which the user tries again (nothing is replayed).
 *
 * @example
 * if (needsReauthentication(answer)) return redirect('/account/reauthenticate', answer.cookies);
 */
export function needsReauthentication(answer: ApiAnswer): boolean {
  return answer.status === 403 && answer.body['code'] === 'reauthentication_required';
}
