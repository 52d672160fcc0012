import { createContext, createElement, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { createAuthStore, type AuthStore, type AuthStoreOptions } from './create-auth-store.js';

/**
 * The store of the nearest `<TesseraProvider>`; `null` outside one.
 *
 * @example
 * const store = useContext(AuthStoreContext);
 * if (store === null) throw new Error('useAuth() must be used inside <TesseraProvider>.');
 */
export const AuthStoreContext = createContext<AuthStore | null>(null);

/**
 * Props of `<TesseraProvider>`: the store's options, plus the tree that reads `useAuth()`.
 *
 * @example
 * const props: TesseraProviderProps = { baseUrl: 'https://auth.example.com', children: app };
 */
export interface TesseraProviderProps extends AuthStoreOptions {
  readonly children?: ReactNode;
}

/**
 * Makes the sign-in state available to `useAuth()`. SSR-safe: rendering (on the server or in the
 * browser) only reads the state; the browser-only parts (the tabs' channel, the first `/auth/me`)
 * start in an effect. Options are read once, when the provider mounts.
 *
 * @example
 * createRoot(element).render(
 *   createElement(TesseraProvider, { baseUrl: 'https://auth.example.com', cookieMode: 'jwt' }, createElement(App)),
 * );
 */
export function TesseraProvider(props: TesseraProviderProps): ReactElement {
  const { children, ...options } = props;
  const [store] = useState(() => createAuthStore(options));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return createElement(AuthStoreContext.Provider, { value: store }, children);
}
