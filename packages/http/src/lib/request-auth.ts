import type { AppRequestAuthentication, ProofKind } from '@tessera/core/api';
import { sessionExpiresAt } from '@tessera/core/session';
import type { AuthenticationMethod, SessionRecord, SessionTransport, UserRecord } from '@tessera/core/store';

/**
 * Who made a request to one of the application's routes, as adapters expose it (`req.auth`,
 * `request.auth`, `c.get('auth')`). Public fields only: no password hash, no token hash, so
 * logging it or sending it back cannot leak a secret.
 *
 * @example
 * app.get('/api/profile', requireAuth(), (req: AuthenticatedRequest, res) => {
 *   const auth: RequestAuth | null | undefined = req.auth;
 *   res.json({ email: auth?.user.email, expiresAt: auth?.session.expiresAt });
 * });
 */
export interface RequestAuth {
  readonly user: {
    readonly id: string;
    readonly email: string;
    readonly roles: readonly string[];
    readonly createdAt: Date;
  };
  readonly session: {
    readonly id: string;
    readonly createdAt: Date;
    readonly lastSeenAt: Date;
    /** The earlier of the idle and the absolute expiry. */
    readonly expiresAt: Date;
    readonly transport: SessionTransport;
    /** When the user last proved who they are on this session (DESIGN §9). */
    readonly authenticatedAt: Date;
    /** How (RFC 8176). */
    readonly amr: readonly AuthenticationMethod[];
  };
  /** How the client proved its session: `session-cookie`, `access-cookie` or `bearer`. */
  readonly proof: ProofKind;
}

/**
 * The public view of an authenticated request.
 *
 * @example
 * if (result.kind === 'authenticated') req.auth = toRequestAuth(result);
 */
export function toRequestAuth(
  result: Extract<AppRequestAuthentication, { kind: 'authenticated' }>,
): RequestAuth {
  const { user, session } = result.auth;
  // A signed-in user's requests are answered from the same cached records: their deeply frozen
  // view is made once and handed to every request, instead of four freezes and two copies each.
  const held = views.get(session);
  if (held !== undefined && held.user === user && held.view.proof === result.proof) return held.view;
  const view: RequestAuth = Object.freeze({
    user: Object.freeze({
      id: user.id,
      email: user.email,
      roles: Object.freeze([...user.roles]),
      createdAt: user.createdAt,
    }),
    session: Object.freeze({
      id: session.id,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: sessionExpiresAt(session),
      transport: session.transport,
      authenticatedAt: session.authenticatedAt,
      amr: Object.freeze([...session.amr]),
    }),
    proof: result.proof,
  });
  views.set(session, { user, view });
  return view;
}

/** The view last made from a session record (records are never changed: a change is a new record). */
const views = new WeakMap<SessionRecord, { readonly user: UserRecord; readonly view: RequestAuth }>();
