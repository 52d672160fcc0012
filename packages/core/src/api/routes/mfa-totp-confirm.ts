import { confirmTotpEnrolment } from '../../mfa/manage-totp.js';
import {
  authenticatedDown,
  csrf,
  jsonBody,
  problem,
  signedIn,
  tooLarge,
  unauthenticated,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { recoveryCodesResponse } from './lib/mfa-openapi.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /auth/mfa/totp/confirm`: confirm the pending authenticator with a code from it. */
export const mfaTotpConfirmRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/mfa/totp/confirm',
  caller: 'signed-in',
  async handle(context, caller) {
    const code = readStringField(readJsonBody(context.request), 'code');
    const recoveryCodes = await confirmTotpEnrolment(
      context.services.deps,
      { user: caller.auth.user, sessionId: caller.auth.session.id, origin: context.origin },
      code,
    );
    return jsonResponse(200, { recoveryCodes });
  },
  openapi: {
    operationId: 'confirmTotpEnrolment',
    summary: 'Confirm the authenticator app; sign-in now needs a code',
    tags: ['mfa'],
    security: signedIn,
    requestBody: jsonBody({
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } },
    }),
    responses: {
      '200': recoveryCodesResponse,
      '400': problem('Malformed body, a wrong code, or no enrolment under way.', [
        'invalid_request',
        'invalid_code',
      ]),
      '401': unauthenticated,
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '503': authenticatedDown,
    },
  },
};
