import { describeSecondFactors } from '../../mfa/manage-totp.js';
import { authenticatedDown, json, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /auth/mfa`: the caller's second factors. */
export const mfaStatusRoute: SignedInRoute = {
  method: 'GET',
  path: '/auth/mfa',
  caller: 'signed-in',
  async handle(context, caller) {
    const summary = await describeSecondFactors(context.services.deps, caller.auth.user.id);
    // Passkeys are counted here once they exist (DESIGN §9); none yet.
    return jsonResponse(200, summary);
  },
  openapi: {
    operationId: 'getSecondFactors',
    summary: 'Which second factors the user has',
    tags: ['mfa'],
    security: signedIn,
    responses: {
      '200': json('The second factors.', {
        type: 'object',
        required: ['totp', 'recoveryCodesLeft', 'passkeys'],
        properties: {
          totp: { type: 'boolean', description: 'An authenticator app is confirmed: sign-in needs a code.' },
          recoveryCodesLeft: { type: 'integer', minimum: 0 },
          passkeys: { type: 'integer', minimum: 0, description: 'How many passkeys the user has.' },
        },
      }),
      '401': unauthenticated,
      '503': authenticatedDown,
    },
  },
};
