import { finishPasskeyRegistration } from '../../passkey/finish-passkey-registration.js';
import {
  authenticatedDown,
  badRequest,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  signedIn,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { readPasskeyName, requireRelyingParty, toPublicPasskey } from './lib/passkey-shapes.js';
import { readRegistrationResponse } from './lib/read-webauthn-response.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `POST /auth/passkeys/register`: finish creating a passkey with the browser's answer. */
export const passkeyRegisterRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/passkeys/register',
  caller: 'signed-in',
  async handle(context, caller) {
    const relyingParty = requireRelyingParty(context);
    const body = readJsonBody(context.request);
    const response = readRegistrationResponse(body);
    const name = readPasskeyName(body, false);
    const passkey = await finishPasskeyRegistration(context.services.deps, relyingParty, {
      user: caller.auth.user,
      session: caller.auth.session,
      response,
      name,
      origin: context.origin,
    });
    return withSlidingCookie(jsonResponse(201, { passkey: toPublicPasskey(passkey) }), caller, context);
  },
  openapi: {
    operationId: 'passkeyRegister',
    summary: 'Finish creating a passkey',
    description:
      'Takes what `navigator.credentials.create()` answered (as JSON, e.g. from `@simplewebauthn/browser`) and an ' +
      'optional name (1–64 characters; default "Passkey"). The challenge must be one this user was issued; the ' +
      'origin, RP ID, user presence and user verification are checked.',
    tags: ['passkeys'],
    security: signedIn,
    requestBody: jsonBody({
      type: 'object',
      required: ['response'],
      properties: {
        response: { type: 'object', description: 'The `RegistrationResponseJSON` of the browser.' },
        name: { type: 'string', minLength: 1, maxLength: 64 },
      },
    }),
    responses: {
      '201': json('Created.', {
        type: 'object',
        required: ['passkey'],
        properties: { passkey: ref('Passkey') },
      }),
      '400': badRequest,
      '401': problem(
        'Not signed in, or the answer does not verify (wrong challenge, origin, RP ID, signature, no user verification).',
        ['unauthenticated', 'token_expired', 'session_revoked', 'invalid_token', 'invalid_credentials'],
      ),
      '403': csrf,
      '404': problem('Passkeys are off: `TESSERA_PUBLIC_URL` is an IP address.', ['passkeys_disabled']),
      '413': tooLarge,
      '415': wrongMediaType,
      '503': authenticatedDown,
    },
  },
};
