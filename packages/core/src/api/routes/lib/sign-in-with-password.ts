import type { loginWithPassword } from '../../../account/login-with-password.js';
import { InvalidRequestError } from '../../../errors.js';
import type { SessionTransport } from '../../../store.js';
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
  const current = await authenticateRequest(
    deps,
    context.request,
    context.cookies,
    context.services.authCookies,
  );
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
    const { authCookies } = context.services;
    appendCookies(response, authCookies.blankCookies(context.now, [authCookies.access, authCookies.refresh]));
  }
  return response;
}

function readTransport(body: JsonObject, cookieMode: CookieMode): SessionTransport {
  const transport = readOptionalStringField(body, 'transport') ?? 'cookie';
  if (transport === 'bearer') return 'bearer';
  if (transport === 'cookie') return cookieMode === 'jwt' ? 'jwt-cookie' : 'cookie';
  throw new InvalidRequestError('"transport" must be "cookie" or "bearer".');
}
