import { readProblemCode } from './read-problem-code.js';

/**
 * How a refresh ended. `failed` (network, 5xx, 429, …) is no sign-out: the session may be fine.
 *
 * @example
 * const outcome: RefreshOutcome = await api.refresh();
 * if (outcome === 'signed-out') location.assign('/login'); // 'failed': keep the page, try again later
 */
export type RefreshOutcome = 'refreshed' | 'signed-out' | 'failed';

/** Refresh answers that mean the session is gone for good (DESIGN §3, `POST /auth/refresh`). */
const SIGNED_OUT_CODES: ReadonlySet<string> = new Set([
  'invalid_token',
  'refresh_token_reused',
  'unauthenticated',
]);

/**
 * Calls the refresh endpoint: `POST`, no body, cookies included. The refresh cookie is HttpOnly and
 * scoped to this path, so the browser sends it and stores the rotated pair; we never see either.
 */
export async function postRefresh(fetchImpl: typeof fetch, url: string | URL): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', credentials: 'include' });
  } catch {
    return 'failed';
  }
  if (response.ok) {
    await response.body?.cancel();
    return 'refreshed';
  }
  const code = await readProblemCode(response);
  return response.status === 401 && code !== null && SIGNED_OUT_CODES.has(code) ? 'signed-out' : 'failed';
}
