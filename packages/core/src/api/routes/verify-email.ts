import { verifyEmail } from '../../account/verify-email.js';
import { toPublicUser } from '../public-shapes.js';
import {
  anyone,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /auth/email/verify`: confirm an address (or a change of address) with a link's token. */
export const verifyEmailRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/email/verify',
  caller: 'anyone',
  csrfWithoutCookies: true,
  async handle(context) {
    const body = readJsonBody(context.request);
    const user = await verifyEmail(context.services.deps, {
      token: readStringField(body, 'token'),
      origin: context.origin,
    });
    return jsonResponse(200, { user: toPublicUser(user) });
  },
  openapi: {
    operationId: 'verifyEmail',
    summary: 'Confirm an email address with a token',
    description:
      'No session needed (the link may be opened in another browser). A verification token sets `emailVerified`; ' +
      'a change-of-address token switches `email` to the new address, verified, and tells the old one.',
    tags: ['email'],
    security: anyone,
    requestBody: jsonBody({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }),
    responses: {
      '200': json('Confirmed.', { type: 'object', required: ['user'], properties: { user: ref('User') } }),
      '400': problem('Malformed body, or an unknown, used, expired or foreign token.', [
        'invalid_request',
        'invalid_email_token',
      ]),
      '403': csrf,
      '409': problem('The new address was taken meanwhile.', ['email_taken']),
      '413': tooLarge,
      '415': wrongMediaType,
      '503': storeDown,
    },
  },
};
