import { registerUnverifiedUser, registerUser } from '../../account/register-user.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import { jsonResponse } from './lib/route-responses.js';
import {
  anyone,
  credentialsBody,
  csrf,
  json,
  jsonBody,
  problem,
  retryAfter,
  signedInAnswer,
  storeDown,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { signInWithPassword } from './lib/sign-in-with-password.js';

/** `POST /auth/register`: create an account and sign in (201, answered like a login). */
export const registerRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/register',
  caller: 'anyone',
  csrfWithoutCookies: true,
  async handle(context) {
    const { deps } = context.services;
    if (deps.email.policy.verification === 'optional') return signInWithPassword(context, registerUser, 201);
    // TESSERA_EMAIL_VERIFICATION=required: the same 202 for a new and a taken address (DESIGN §7).
    const body = readJsonBody(context.request);
    await registerUnverifiedUser(deps, {
      email: readStringField(body, 'email'),
      password: readStringField(body, 'password'),
      origin: context.origin,
    });
    return jsonResponse(202, {});
  },
  openapi: {
    operationId: 'register',
    summary: 'Create an account and sign in',
    description:
      'Answers like a login (201 instead of 200). A valid session presented with the request is revoked and replaced. ' +
      'After `TESSERA_REGISTER_MAX_PER_IP` attempts per client IP in an hour (failed ones included), attempts get 429. ' +
      'A verification link is mailed. With `TESSERA_EMAIL_VERIFICATION=required`: 202 `{}` and no session, for a new and a taken address alike ' +
      '(the owner of a taken address is mailed instead).',
    tags: ['auth'],
    security: anyone,
    requestBody: jsonBody(credentialsBody('8 to 256 code points after NFKC, no NUL, not a common password.')),
    responses: {
      '201': signedInAnswer,
      '202': json(
        '`TESSERA_EMAIL_VERIFICATION=required`: accepted; confirm the address by the mailed link.',
        {
          type: 'object',
          additionalProperties: false,
        },
      ),
      '400': problem('Malformed body or email, or a password the policy refuses.', [
        'invalid_request',
        'weak_password',
      ]),
      '403': csrf,
      '409': problem('The email is taken, or the session limit refuses a new session.', [
        'email_taken',
        'session_limit_reached',
      ]),
      '413': tooLarge,
      '415': wrongMediaType,
      '429': problem('Too many registrations from this client IP.', ['rate_limited'], {
        'Retry-After': retryAfter,
      }),
      '503': storeDown,
    },
  },
};
