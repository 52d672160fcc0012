import { requestPasswordReset } from '../../account/request-password-reset.js';
import {
  anyone,
  csrf,
  json,
  jsonBody,
  problem,
  retryAfter,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/**
 * `POST /auth/password/forgot`: mail a reset link (DESIGN §7). The same 202 `{}`, with the same
 * headers, whether or not the account exists; the mail server is not waited for.
 */
export const forgotPasswordRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/password/forgot',
  caller: 'anyone',
  csrfWithoutCookies: true,
  async handle(context) {
    const body = readJsonBody(context.request);
    await requestPasswordReset(context.services.deps, {
      email: readStringField(body, 'email'),
      origin: context.origin,
    });
    return jsonResponse(202, {});
  },
  openapi: {
    operationId: 'forgotPassword',
    summary: 'Mail a password-reset link',
    description:
      'Answers 202 `{}` whether or not an account has this address (same status, body and headers). ' +
      'An existing, enabled account is mailed a link to `/reset-password` that works once, for `TESSERA_PASSWORD_RESET_TTL` seconds; ' +
      'a newer link kills the older ones. At most 3 messages per address in 15 minutes: beyond that the answer is the same and nothing is sent.',
    tags: ['email'],
    security: anyone,
    requestBody: jsonBody({
      type: 'object',
      required: ['email'],
      properties: { email: { type: 'string' } },
    }),
    responses: {
      '202': json('Accepted (whether or not the account exists).', {
        type: 'object',
        additionalProperties: false,
      }),
      '400': problem('Malformed body or email.', ['invalid_request']),
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': problem('Too many email requests from this client IP.', ['rate_limited'], {
        'Retry-After': retryAfter,
      }),
      '503': storeDown,
    },
  },
};
