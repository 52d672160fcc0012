import { resetPassword } from '../../account/reset-password.js';
import {
  anyone,
  csrf,
  jsonBody,
  problem,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { emptyResponse } from './lib/route-responses.js';

/** `POST /auth/password/reset`: set a new password with a reset link's token; every session is revoked. */
export const resetPasswordRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/password/reset',
  caller: 'anyone',
  csrfWithoutCookies: true,
  async handle(context) {
    const body = readJsonBody(context.request);
    await resetPassword(context.services.deps, {
      token: readStringField(body, 'token'),
      newPassword: readStringField(body, 'newPassword'),
      origin: context.origin,
    });
    return emptyResponse(204);
  },
  openapi: {
    operationId: 'resetPassword',
    summary: 'Set a new password with a reset token',
    description:
      'Every session of the user is revoked (pushed to every instance like any revocation), every other reset link dies, ' +
      'and the address counts as verified. A refused password leaves the token unspent.',
    tags: ['email'],
    security: anyone,
    requestBody: jsonBody({
      type: 'object',
      required: ['token', 'newPassword'],
      properties: { token: { type: 'string' }, newPassword: { type: 'string' } },
    }),
    responses: {
      '204': { description: 'The password is changed; sign in with it.' },
      '400': problem('Malformed body; an unknown, used, expired or foreign token; or a refused password.', [
        'invalid_request',
        'invalid_email_token',
        'weak_password',
      ]),
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '503': storeDown,
    },
  },
};
