import type { SessionRecord } from '../../../store.js';
import type { AuthResponse } from '../../auth-request.js';
import { authenticateRequest } from '../../authenticate-request.js';
import type { RouteContext } from '../../router/route.js';
import { answerSignedIn, type SignedIn } from './answer-signed-in.js';
import { appendCookies } from './route-responses.js';

/**
 * The frame of every route that signs in (password, second step, passkey, provider ID token): the
 * session presented with the request, if valid, is handed to `signIn` to be replaced (DESIGN §3.1);
 * the new session is answered as a login answers; and a switch of transport leaves no stale cookie of
 * the replaced session behind.
 *
 * @example
 * return answerNewSession(context, 200, (presentedSession) =>
 *   loginWithPasskey(deps, relyingParty, { response, transport, presentedSession, origin: context.origin }),
 * );
 */
export async function answerNewSession(
  context: RouteContext,
  status: number,
  signIn: (presentedSession: SessionRecord | null) => Promise<SignedIn>,
): Promise<AuthResponse> {
  const { deps, authCookies } = context.services;
  const current = await authenticateRequest(deps, context.request, context.cookies, authCookies);
  const created = await signIn(current.kind === 'authenticated' ? current.auth.session : null);
  const response = await answerSignedIn(status, context, created);
  if (
    created.session.transport !== 'jwt-cookie' &&
    current.kind === 'authenticated' &&
    current.proof !== 'bearer'
  ) {
    appendCookies(response, authCookies.blankCookies(context.now, [authCookies.access, authCookies.refresh]));
  }
  return response;
}
