import { loginWithPasskey } from '../../passkey/login-with-passkey.js';
import { ACCESS_COOKIE_NAME, createBlankCookies, REFRESH_COOKIE_NAME } from '../auth-cookies.js';
import { authenticateRequest } from '../authenticate-request.js';
import {
  anyone,
  badRequest,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  sessionLimit,
  setCookie,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { answerSignedIn } from './lib/answer-signed-in.js';
import { requireRelyingParty } from './lib/passkey-shapes.js';
import { readAuthenticationResponse } from './lib/read-webauthn-response.js';
import { appendCookies } from './lib/route-responses.js';
import { readTransport } from './lib/sign-in-with-password.js';

/** `POST /auth/passkeys/login`: sign in with a passkey; answers exactly like `POST /auth/login`. */
export const passkeyLoginRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/passkeys/login',
  caller: 'anyone',
  // Login CSRF: a cross-site login is refused even without cookies.
  csrfWithoutCookies: true,
  async handle(context) {
    const { deps, cookieMode } = context.services;
    const relyingParty = requireRelyingParty(context);
    const body = readJsonBody(context.request);
    const response = readAuthenticationResponse(body);
    const transport = readTransport(body, cookieMode);
    const current = await authenticateRequest(deps, context.request, context.cookies);
    const created = await loginWithPasskey(deps, relyingParty, {
      response,
      transport,
      presentedSession: current.kind === 'authenticated' ? current.auth.session : null,
      origin: context.origin,
    });
    const answer = await answerSignedIn(200, context, created);
    // Switching transports leaves no stale cookie of the replaced session behind (as at /auth/login).
    if (transport !== 'jwt-cookie' && current.kind === 'authenticated' && current.proof !== 'bearer') {
      appendCookies(answer, createBlankCookies(context.now, [ACCESS_COOKIE_NAME, REFRESH_COOKIE_NAME]));
    }
    return answer;
  },
  openapi: {
    operationId: 'passkeyLogin',
    summary: 'Sign in with a passkey',
    description:
      'Takes what `navigator.credentials.get()` answered (as JSON) and the transport, and answers like `POST /auth/login` ' +
      '(no second step: user verification is required). Every answer uses up its challenge. A wrong challenge, origin, ' +
      'RP ID, signature, user handle, missing user verification or a counter that did not move forward gets 401 ' +
      '`invalid_credentials`.',
    tags: ['passkeys'],
    security: anyone,
    requestBody: jsonBody({
      type: 'object',
      required: ['response'],
      properties: {
        response: { type: 'object', description: 'The `AuthenticationResponseJSON` of the browser.' },
        transport: { type: 'string', enum: ['cookie', 'bearer'] },
      },
    }),
    responses: {
      '200': json('Signed in.', ref('SignedIn'), { 'Set-Cookie': setCookie }),
      '400': badRequest,
      '401': problem('The answer does not verify, or the account is disabled (one answer for all).', [
        'invalid_credentials',
      ]),
      '403': csrf,
      '404': problem('Passkeys are off: `TESSERA_PUBLIC_URL` is an IP address.', ['passkeys_disabled']),
      '409': sessionLimit,
      '413': tooLarge,
      '415': wrongMediaType,
      '503': storeDown,
    },
  },
};
