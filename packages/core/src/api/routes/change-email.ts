import { requestEmailChange } from '../../account/request-email-change.js';
import {
  authenticatedDown,
  json,
  jsonBody,
  problem,
  retryAfter,
  signedIn,
  tooLarge,
  unauthenticated,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';

/** `POST /auth/email/change`: start a change of address (a link to the new one, a notice to the old). */
export const changeEmailRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/email/change',
  caller: 'signed-in',
  // Adds or removes a way into the account: the session must have proved itself lately (DESIGN §9).
  recentAuth: true,
  async handle(context, caller) {
    const body = readJsonBody(context.request);
    await requestEmailChange(context.services.deps, {
      user: caller.auth.user,
      session: caller.auth.session,
      newEmail: readStringField(body, 'newEmail'),
      origin: context.origin,
    });
    return withSlidingCookie(jsonResponse(202, {}), caller, context);
  },
  openapi: {
    operationId: 'changeEmail',
    summary: 'Change the email address (confirmed by a link mailed to it)',
    description:
      'Answers 202 `{}` whether or not the new address is taken. A free address gets a confirmation link (the change happens ' +
      'when it is opened, `POST /auth/email/verify`); the current address gets a notice.',
    tags: ['email'],
    security: signedIn,
    requestBody: jsonBody({
      type: 'object',
      required: ['newEmail'],
      properties: { newEmail: { type: 'string' } },
    }),
    responses: {
      '202': json('Accepted.', { type: 'object', additionalProperties: false }),
      '400': problem('Malformed body or email.', ['invalid_request']),
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': problem('Too many email requests from this client IP.', ['rate_limited'], {
        'Retry-After': retryAfter,
      }),
      '503': authenticatedDown,
    },
  },
};
