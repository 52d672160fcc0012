import type { loginWithPassword } from '../../../account/login-with-password.js';
import { InvalidRequestError } from '../../../errors.js';
import type { SessionTransport } from '../../../store.js';
import { ACCESS_COOKIE_NAME, createBlankCookies, REFRESH_COOKIE_NAME } from '../../auth-cookies.js';
import type { AuthResponse } from '../../auth-request.js';
import { authenticateRequest } from '../../authenticate-request.js';
import type { CookieMode } from '../../../cookie/cookie-mode.js';
import {
  readJsonBody,
  readOptionalStringField,
  readStringField,
  type JsonObject,
} from '../../read-json-body.js';
import type { RouteContext } from '../../router/route.js';
import { answerSignedIn } from './answer-signed-in.js';
import { appendCookies } from './route-responses.js';

/**
 * Register and login share their input and their answer: `{ email, password, transport }` in, a
 * session out. A valid session presented with the request is handed to `action` (it is replaced).
 */
export async function signInWithPassword(
  context: RouteContext,
  action: typeof loginWithPassword,
  status: number,
): Promise<AuthResponse> {
  const { deps, cookieMode } = context.services;
  const body = readJsonBody(context.request);
  const email = readStringField(body, 'email');
  const password = readStringField(body, 'password');
  const transport = readTransport(body, cookieMode);
  const current = await authenticateRequest(deps, context.request, context.cookies);
  const created = await action(deps, {
    email,
    password,
    transport,
    presentedSession: current.kind === 'authenticated' ? current.auth.session : null,
    origin: context.origin,
  });
  const response = await answerSignedIn(status, context, created);
  // Switching transports leaves no stale cookie of the replaced session behind.
  if (transport !== 'jwt-cookie' && current.kind === 'authenticated' && current.proof !== 'bearer') {
    appendCookies(response, createBlankCookies(context.now, [ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME]));
  }
  return response;
}

/** Reads `transport` of a sign-in body (default `cookie`, which is `jwt-cookie` in jwt cookie mode). */
export function readTransport(body: JsonObject, cookieMode: CookieMode): SessionTransport {
  const transport = readOptionalStringField(body, 'transport') ?? 'cookie';
  if (transport === 'bearer') return 'bearer';
  if (transport === 'cookie') return cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie';
  throw new InvalidRequestError('"transport" must be "cookie" or "bearer".');
}
