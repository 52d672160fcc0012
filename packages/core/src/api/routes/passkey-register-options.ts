import { startPasskeyRegistration } from '../../passkey/start-passkey-registration.js';
import {
  authenticatedDown,
  json,
  problem,
  ref,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { requireRelyingParty } from './lib/passkey-shapes.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';

/** `POST /auth/passkeys/register/options`: start creating a passkey for the signed-in user. */
export const passkeyRegisterOptionsRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/passkeys/register/options',
  caller: 'signed-in',
  // Adds or removes a way into the account: the session must have proved itself lately (DESIGN §9).
  recentAuth: true,
  async handle(context, caller) {
    const relyingParty = requireRelyingParty(context);
    const options = await startPasskeyRegistration(context.services.deps, relyingParty, caller.auth.user);
    return withSlidingCookie(jsonResponse(200, options), caller, context);
  },
  openapi: {
    operationId: 'passkeyRegisterOptions',
    summary: 'Start creating a passkey',
    description:
      'Answers the options for `navigator.credentials.create()` (WebAuthn `PublicKeyCredentialCreationOptionsJSON`): ' +
      'the RP ID is the host of `TESSERA_PUBLIC_URL`, a resident key and user verification are required, attestation ' +
      'is `none`, and the user’s passkeys are excluded. The challenge is kept for this user, single use, 300 s. ' +
      'The body, if any, is ignored.',
    tags: ['passkeys'],
    security: signedIn,
    responses: {
      '200': json('The creation options.', ref('PasskeyCreationOptions')),
      '400': problem('The account already holds the most passkeys allowed (20).', ['invalid_request']),
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '404': problem('Passkeys are off: `TESSERA_PUBLIC_URL` is an IP address.', ['passkeys_disabled']),
      '503': authenticatedDown,
    },
  },
};
