import type { LockManagerLike } from './lock-manager-like.js';
import { createSharedRefresh } from './lib/create-shared-refresh.js';
import { postRefresh, type RefreshOutcome } from './lib/post-refresh.js';
import { readProblemCode } from './lib/read-problem-code.js';

/**
 * Options of {@link createTesseraFetch}; every one has a default.
 *
 * @example
 * const options: TesseraFetchOptions = { baseUrl: 'https://app.example.com', onSignedOut: showLogin };
 */
export interface TesseraFetchOptions {
  /** Resolves string inputs; default none (the browser resolves them against the page). */
  readonly baseUrl?: string;
  /** The refresh route; `/auth/refresh`. */
  readonly refreshPath?: string;
  /** The fetch to wrap; default the global one. */
  readonly fetch?: typeof fetch;
  /** The `BroadcastChannel` tabs use to tell each other about a refresh; `tessera-auth`. */
  readonly channelName?: string;
  /** The Web Locks name that lets one tab refresh at a time; `tessera-refresh`. */
  readonly lockName?: string;
  /** The lock manager; default `navigator.locks` when the browser has it, `null` to refresh without one. */
  readonly locks?: LockManagerLike | null;
  /** Called in every tab when the session is gone (refresh answered `invalid_token`, `refresh_token_reused` or `unauthenticated`). */
  readonly onSignedOut?: () => void;
}

/**
 * A `fetch` that refreshes an expired access cookie once and retries once; `refresh()` renews the
 * cookies now (sharing a refresh already under way in any tab), for pages that know the access
 * cookie is about to expire or is gone; `close()` stops listening to the other tabs.
 *
 * @example
 * const response: Response = await api('/api/orders');
 * if ((await api.refresh()) === 'signed-out') location.assign('/login');
 */
export type TesseraFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  refresh(): Promise<RefreshOutcome>;
  close(): void;
};

export type { RefreshOutcome };

/**
 * Wraps `fetch` for Tessera's jwt cookie mode. Every request goes with `credentials: 'include'`;
 * the access and refresh tokens stay in HttpOnly cookies, never read or stored here.
 *
 * A 401 whose problem `code` is `token_expired` makes it call `POST /auth/refresh` and replay the
 * request once. Concurrent calls share one refresh; across tabs, `navigator.locks` (when present)
 * lets one tab refresh at a time and a `BroadcastChannel` tells the others, which just retry. Any
 * other answer, a refresh that fails (the original 401 is returned; on a dead session
 * `onSignedOut` runs in every tab), and a body that is a stream (it cannot be sent twice) end the
 * call without a retry.
 *
 * @example
 * const api = createTesseraFetch({ onSignedOut: () => location.assign('/login') });
 * const response = await api('/api/orders', { method: 'POST', body: JSON.stringify(order) });
 */
export function createTesseraFetch(options: TesseraFetchOptions = {}): TesseraFetch {
  const { baseUrl, refreshPath = '/auth/refresh' } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const resolve = (input: string | URL | Request) =>
    typeof input === 'string' && baseUrl !== undefined ? new URL(input, baseUrl) : input;
  const refreshUrl = baseUrl === undefined ? refreshPath : new URL(refreshPath, baseUrl);
  const shared = createSharedRefresh({
    refresh: () => postRefresh(fetchImpl, refreshUrl),
    locks: options.locks === undefined ? findLockManager() : options.locks,
    lockName: options.lockName ?? 'tessera-refresh',
    channelName: options.channelName ?? 'tessera-auth',
    onSignedOut: options.onSignedOut,
  });

  async function tesseraFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = new Request(resolve(input), { ...init, credentials: 'include' });
    // Clone before sending: a sent body is consumed. A stream's tee would buffer all of it, so no.
    const spare = isStream(init.body) ? null : request.clone();
    const mark = shared.mark();
    const response = await fetchImpl(request);
    if (response.status !== 401 || (await readProblemCode(response.clone())) !== 'token_expired') {
      return response;
    }
    const outcome = await shared.after(mark);
    return outcome === 'refreshed' && spare !== null ? fetchImpl(spare) : response;
  }
  return Object.assign(tesseraFetch, {
    refresh: () => shared.after(shared.mark()),
    close: () => shared.close(),
  });
}

/** `navigator.locks` where the Web Locks API exists (browsers, workers); `null` elsewhere. */
function findLockManager(): LockManagerLike | null {
  const { navigator } = globalThis as { navigator?: { locks?: LockManagerLike } };
  return navigator?.locks ?? null;
}

function isStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof Reflect.get(body, 'getReader') === 'function';
}
