/**
 * A signed-in user as Tessera's API answers it (DESIGN §3.1 "Shapes").
 *
 * @example
 * const user: TesseraUser = { id: 'u_1', email: 'ada@example.com', roles: [], createdAt: '2026-01-01T00:00:00.000Z' };
 */
export interface TesseraUser {
  readonly id: string;
  readonly email: string;
  readonly roles: readonly string[];
  readonly createdAt: string;
}

/**
 * The session of the sign-in, as Tessera's API answers it (DESIGN §3.1 "Shapes").
 *
 * @example
 * if (session.transport === 'jwt-cookie') scheduleRenewal(session.expiresAt);
 */
export interface TesseraSession {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly transport: 'cookie' | 'jwt-cookie' | 'bearer';
}

/**
 * Whether the user is signed in: `loading` until the first answer of `/auth/me` (never on the server,
 * which renders the `initialAuth` it was given, or `loading` without one).
 *
 * @example
 * if (status === 'signed-out') return <SignInForm />;
 */
export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

/**
 * What `useAuth()` reads: the status, and the user and session when signed in.
 *
 * @example
 * const { status, user }: AuthState = store.getState();
 */
export type AuthState =
  | { readonly status: 'loading' | 'signed-out'; readonly user: null; readonly session: null }
  | { readonly status: 'signed-in'; readonly user: TesseraUser; readonly session: TesseraSession };

/**
 * A sign-in known before the page runs (a server component read it with `getAuth()`), or `null` for
 * "known to be signed out"; it spares the first `/auth/me` round trip and the loading flash.
 *
 * @example
 * <TesseraProvider initialAuth={auth && { user: auth.user, session: auth.session }}>
 */
export interface InitialAuth {
  readonly user: TesseraUser;
  readonly session: TesseraSession;
}
