import { sessionExpiresAt } from '../../../session/session-expiry.js';
import type { SessionRecord, UserRecord } from '../../../store.js';
import type { AuthResponse } from '../../auth-request.js';
import { toPublicSession, toPublicUser } from '../../public-shapes.js';
import type { RouteContext } from '../../router/route.js';
import { appendCookies, jsonResponse } from './route-responses.js';

/** What a successful login, register, refresh or bearer password change produced. */
export interface SignedIn {
  user: UserRecord;
  session: SessionRecord;
  /** The session cookie's token (cookie transport), else `null`. */
  token: string | null;
  refreshToken: string | null;
}

/**
 * The answer to a successful login, register or refresh, shaped by the session's transport: a
 * session cookie, the jwt-mode cookies, or the tokens in the body (bearer).
 */
export async function answerSignedIn(
  status: number,
  context: RouteContext,
  signIn: SignedIn,
): Promise<AuthResponse> {
  const { user, session, token, refreshToken } = signIn;
  const body: Record<string, unknown> = { user: toPublicUser(user), session: toPublicSession(session) };
  const cookies: string[] = [];
  const expiresAt = sessionExpiresAt(session);
  if (session.transport === 'cookie' && token !== null) {
    cookies.push(context.services.authCookies.sessionCookie(token, expiresAt, context.now));
  } else if (refreshToken !== null) {
    const access = await context.services.deps.tokens.issueAccessToken(user, session);
    if (session.transport === 'bearer') {
      Object.assign(body, {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: access.expiresInSeconds,
        refresh_token: refreshToken,
      });
    } else {
      cookies.push(
        context.services.authCookies.accessCookie(access.token, access.expiresInSeconds, context.now),
        context.services.authCookies.refreshCookie(refreshToken, expiresAt, context.now),
      );
    }
  }
  const response = jsonResponse(status, body);
  appendCookies(response, cookies);
  return response;
}
