import { createTesseraFetch, type LockManagerLike, type TesseraFetch } from '@tessera/client';
import type { AuthState, InitialAuth, TesseraSession, TesseraUser } from './auth-state.js';
import { readAuthError } from './tessera-auth-error.js';

/**
 * Options of `createAuthStore` and of `<TesseraProvider>`; every one has a default.
 *
 * @example
 * const options: AuthStoreOptions = { baseUrl: 'https://auth.example.com', cookieMode: 'jwt' };
 */
export interface AuthStoreOptions {
  /**
   * Where Tessera's routes are: the page's own origin by default; another origin works when it is
   * listed in the server's `TESSERA_CORS_ORIGINS` (every request goes with `credentials: 'include'`).
   */
  readonly baseUrl?: string;
  /**
   * The server's `TESSERA_COOKIE_MODE`. `jwt`: `refresh()` renews the access cookie through the
   * refresh route, one refresh at a time across tabs. `session` (default): `refresh()` re-reads
   * `/auth/me`. Either way an expired access cookie is renewed once, on demand, by `@tessera/client`.
   */
  readonly cookieMode?: 'session' | 'jwt';
  /** The sign-in the server already knows (`null`: signed out); default: unknown, read `/auth/me`. */
  readonly initialAuth?: InitialAuth | null;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** Passed to `@tessera/client`: the tabs' channel name and lock manager. */
  readonly channelName?: string;
  readonly locks?: LockManagerLike | null;
}

/**
 * What signing in sends: the credentials, and the transport (`cookie`, the default, lets the server's
 * cookie mode decide between a session cookie and the jwt cookies).
 *
 * @example
 * await signIn({ email: 'ada@example.com', password });
 */
export interface SignInCredentials {
  readonly email: string;
  readonly password: string;
}

/**
 * The sign-in state of one page, outside React: `<TesseraProvider>` makes one and `useAuth()` reads
 * it. `start()` and `stop()` hold what lives in the browser (the tabs' channel); nothing is
 * started on the server, so rendering there is pure.
 *
 * @example
 * const store = createAuthStore({ baseUrl: 'https://auth.example.com' });
 * store.start();
 * store.subscribe(() => console.log(store.getState().status));
 */
export interface AuthStore {
  readonly getState: () => AuthState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Starts listening to the other tabs and reads `/auth/me` unless the state is already known. */
  readonly start: () => void;
  /** Stops listening to the other tabs; `start()` again resumes. */
  readonly stop: () => void;
  /** `POST /auth/login`; resolves with the new state, or throws `TesseraAuthError` (state unchanged). */
  readonly signIn: (credentials: SignInCredentials) => Promise<AuthState>;
  /** `POST /auth/logout`, or `/auth/logout-all` with `everywhere`; signed out locally whatever happens. */
  readonly signOut: (options?: { everywhere?: boolean }) => Promise<void>;
  /** Renews the sign-in (jwt mode: one refresh shared by every tab) and re-reads `/auth/me`. */
  readonly refresh: () => Promise<AuthState>;
  /** `fetch` with credentials and the single-flight refresh, resolved against `baseUrl`. */
  readonly fetch: TesseraFetch;
}

const LOADING: AuthState = Object.freeze({ status: 'loading', user: null, session: null });
const SIGNED_OUT: AuthState = Object.freeze({ status: 'signed-out', user: null, session: null });

/**
 * Builds the sign-in state of one page (see `AuthStore`). Framework-free: `<TesseraProvider>` is a
 * thin layer over it, and other view libraries can subscribe to it the same way.
 *
 * @example
 * const store = createAuthStore({ baseUrl: 'https://auth.example.com', cookieMode: 'jwt' });
 */
export function createAuthStore(options: AuthStoreOptions = {}): AuthStore {
  const { baseUrl, cookieMode = 'session' } = options;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const listeners = new Set<() => void>();
  let state: AuthState =
    options.initialAuth === undefined
      ? LOADING
      : options.initialAuth === null
        ? SIGNED_OUT
        : signedIn(options.initialAuth);
  let client: TesseraFetch | null = null;
  /** Bumped by every change the user makes, so a late `/auth/me` answer cannot undo it. */
  let generation = 0;

  function setState(next: AuthState): AuthState {
    if (next !== state) {
      state = next;
      for (const listener of [...listeners]) listener();
    }
    return state;
  }

  /** The wrapped fetch; made on first use (never during a server render: `start()` or an action). */
  function api(): TesseraFetch {
    client ??= createTesseraFetch({
      ...(baseUrl === undefined ? {} : { baseUrl }),
      fetch: fetchImpl,
      ...(options.channelName === undefined ? {} : { channelName: options.channelName }),
      ...(options.locks === undefined ? {} : { locks: options.locks }),
      // Another tab signed out, or the refresh chain is dead: this tab is signed out too.
      onSignedOut: () => {
        generation += 1;
        setState(SIGNED_OUT);
      },
    });
    return client;
  }

  async function readMe(): Promise<AuthState> {
    const started = generation;
    const response = await api()('/auth/me', { headers: { accept: 'application/json' } });
    if (started !== generation) return state;
    if (response.ok) return setState(signedIn((await response.json()) as InitialAuth));
    if (response.status === 401) {
      await response.body?.cancel();
      return setState(SIGNED_OUT);
    }
    // 429, 503, …: not a sign-out; the state stays what it was.
    throw await readAuthError(response);
  }

  const tesseraFetch = ((input: string | URL | Request, init?: RequestInit) =>
    api()(input, init)) as TesseraFetch;
  tesseraFetch.refresh = () => api().refresh();
  tesseraFetch.close = () => {
    client?.close();
    client = null;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      api();
      if (state.status === 'loading') readMe().catch(() => undefined);
    },
    stop() {
      tesseraFetch.close();
    },
    async signIn(credentials) {
      const response = await api()('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: credentials.email, password: credentials.password }),
      });
      if (!response.ok) throw await readAuthError(response);
      generation += 1;
      return setState(signedIn((await response.json()) as InitialAuth));
    },
    async signOut(signOutOptions = {}) {
      generation += 1;
      const path = signOutOptions.everywhere === true ? '/auth/logout-all' : '/auth/logout';
      try {
        const response = await api()(path, { method: 'POST' });
        await response.body?.cancel();
      } finally {
        setState(SIGNED_OUT);
      }
    },
    async refresh() {
      if (cookieMode === 'jwt') {
        const outcome = await api().refresh();
        if (outcome === 'signed-out') return setState(SIGNED_OUT);
      }
      return readMe();
    },
    fetch: tesseraFetch,
  };
}

function signedIn(auth: { user: TesseraUser; session: TesseraSession }): AuthState {
  return { status: 'signed-in', user: auth.user, session: auth.session };
}
