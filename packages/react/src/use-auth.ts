import { useContext, useMemo, useSyncExternalStore } from 'react';
import type { TesseraFetch } from '@tessera/client';
import type { AuthState } from './auth-state.js';
import type { AuthStore } from './create-auth-store.js';
import { AuthStoreContext } from './tessera-provider.js';

/**
 * What `useAuth()` returns: the state, and the actions that change it.
 *
 * @example
 * const { status, user, signIn, signOut, refresh }: UseAuthResult = useAuth();
 */
export type UseAuthResult = AuthState & Pick<AuthStore, 'signIn' | 'signOut' | 'refresh'>;

/**
 * The sign-in of the nearest `<TesseraProvider>`: `status` (`loading`, `signed-in`, `signed-out`),
 * `user` and `session` when signed in, and `signIn`, `signOut`, `refresh`. Re-renders when the state
 * changes, in this tab or because another tab signed out. A `TypeError` outside a provider.
 *
 * @example
 * const { status, user, signOut } = useAuth();
 * if (status === 'signed-in') return createElement('button', { onClick: () => signOut() }, user.email);
 */
export function useAuth(): UseAuthResult {
  const store = useAuthStore();
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return useMemo(
    () => ({ ...state, signIn: store.signIn, signOut: store.signOut, refresh: store.refresh }),
    [state, store],
  );
}

/**
 * A `fetch` for the application's own API calls with the provider's settings: credentials included,
 * an expired access cookie refreshed once (shared with every tab) and the call replayed.
 *
 * @example
 * const api = useTesseraFetch();
 * const devices = await (await api('/auth/sessions')).json();
 */
export function useTesseraFetch(): TesseraFetch {
  return useAuthStore().fetch;
}

function useAuthStore(): AuthStore {
  const store = useContext(AuthStoreContext);
  if (store === null) throw new TypeError('useAuth() must be called inside <TesseraProvider>');
  return store;
}
