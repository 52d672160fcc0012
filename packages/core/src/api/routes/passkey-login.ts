import { answerNewSession } from './lib/answer-new-session.js';
import { loginWithPasskey } from '../../passkey/login-with-passkey.js';
import {
  anyone,
  badRequest,
  csrf,
  jsonBody,
  problem,
  sessionLimit,
  signedInAnswer,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { requireRelyingParty } from './lib/passkey-shapes.js';
import { readAuthenticationResponse } from './lib/read-webauthn-response.js';
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
    return answerNewSession(context, 200, (presentedSession) =>
      loginWithPasskey(deps, relyingParty, { response, transport, presentedSession, origin: context.origin }),
    );
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
      '200': signedInAnswer,
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
