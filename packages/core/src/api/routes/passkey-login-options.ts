import { startPasskeyLogin } from '../../passkey/start-passkey-login.js';
import { anyone, csrf, json, problem, ref, storeDown } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { requireRelyingParty } from './lib/passkey-shapes.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /auth/passkeys/login/options`: start signing in with a passkey. */
export const passkeyLoginOptionsRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/passkeys/login/options',
  caller: 'anyone',
  // Login CSRF, as for the password login.
  csrfWithoutCookies: true,
  async handle(context) {
    const relyingParty = requireRelyingParty(context);
    return jsonResponse(200, await startPasskeyLogin(context.services.deps, relyingParty));
  },
  openapi: {
    operationId: 'passkeyLoginOptions',
    summary: 'Start signing in with a passkey',
    description:
      'Answers the options for `navigator.credentials.get()` (WebAuthn `PublicKeyCredentialRequestOptionsJSON`): no ' +
      '`allowCredentials` (discoverable credentials), user verification required. The server keeps the challenge ' +
      '(single use, 300 s); the browser signs it into `clientDataJSON`, which is how the answer is matched to it: ' +
      'no cookie or id travels with it. The body, if any, is ignored.',
    tags: ['passkeys'],
    security: anyone,
    responses: {
      '200': json('The request options.', ref('PasskeyRequestOptions')),
      '403': csrf,
      '404': problem('Passkeys are off: `TESSERA_PUBLIC_URL` is an IP address.', ['passkeys_disabled']),
      '503': storeDown,
    },
  },
};
