// `@tessera/react`: a provider and hooks over `@tessera/client` (DESIGN §10).
export type { AuthState, AuthStatus, InitialAuth, TesseraSession, TesseraUser } from './auth-state.js';
export {
  createAuthStore,
  type AuthStore,
  type AuthStoreOptions,
  type SignInCredentials,
} from './create-auth-store.js';
export { TesseraAuthError } from './tessera-auth-error.js';
export { AuthStoreContext, TesseraProvider, type TesseraProviderProps } from './tessera-provider.js';
export { useAuth, useTesseraFetch, type UseAuthResult } from './use-auth.js';
