import { answerNewSession } from './answer-new-session.js';
import type { loginWithPassword } from '../../../account/login-with-password.js';
import { InvalidRequestError } from '../../../errors.js';
import type { SessionTransport } from '../../../store.js';
import type { AuthResponse } from '../../auth-request.js';
import type { CookieMode } from '../../../cookie/cookie-mode.js';
import {
  readJsonBody,
  readOptionalStringField,
  readStringField,
  type JsonObject,
} from '../../read-json-body.js';
import type { RouteContext } from '../../router/route.js';

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
  return answerNewSession(context, status, (presentedSession) =>
    action(deps, { email, password, transport, presentedSession, origin: context.origin }),
  );
}

/** Reads `transport` of a sign-in body (default `cookie`, which is `jwt-cookie` in jwt cookie mode). */
export function readTransport(body: JsonObject, cookieMode: CookieMode): SessionTransport {
  const transport = readOptionalStringField(body, 'transport') ?? 'cookie';
  if (transport === 'bearer') return 'bearer';
  if (transport === 'cookie') return cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie';
  throw new InvalidRequestError('"transport" must be "cookie" or "bearer".');
}
