import { InvalidRequestError } from '../../errors.js';
import { reauthenticate } from '../../mfa/reauthenticate.js';
import { createAccessCookie } from '../auth-cookies.js';
import {
  authenticatedDown,
  badRequest,
  csrf,
  json,
  jsonBody,
  ref,
  setCookie,
  signedIn,
  tooLarge,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { toPublicSession } from '../public-shapes.js';
import { readJsonBody, readOptionalStringField } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { signedInOr, throttled } from './lib/mfa-openapi.js';
import { appendCookies, jsonResponse } from './lib/route-responses.js';

/** `POST /auth/reauthenticate`: prove it is you again, for the sensitive routes (DESIGN §9). */
export const reauthenticateRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/reauthenticate',
  caller: 'signed-in',
  async handle(context, caller) {
    const { deps } = context.services;
    const body = readJsonBody(context.request);
    const password = readOptionalStringField(body, 'password');
    const code = readOptionalStringField(body, 'code');
    if ((password === null) === (code === null)) {
      throw new InvalidRequestError('Send either "password" or "code".');
    }
    const session = await reauthenticate(deps, {
      user: caller.auth.user,
      session: caller.auth.session,
      password,
      code,
      origin: context.origin,
    });
    const answer: Record<string, unknown> = { session: toPublicSession(session) };
    // An access token carries auth_time: the client gets one with the new time.
    if (caller.proof === 'bearer') {
      const access = await deps.tokens.issueAccessToken(caller.auth.user, session);
      Object.assign(answer, {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: access.expiresInSeconds,
      });
    }
    const response = jsonResponse(200, answer);
    if (caller.proof === 'access-cookie') {
      const access = await deps.tokens.issueAccessToken(caller.auth.user, session);
      appendCookies(response, [createAccessCookie(access.token, access.expiresInSeconds, context.now)]);
    }
    return response;
  },
  openapi: {
    operationId: 'reauthenticate',
    summary: 'Confirm it is you: a fresh authentication for sensitive actions',
    description:
      "With the password or a TOTP code, sets the session's `authenticatedAt` to now (sensitive routes need it within " +
      '`TESSERA_REAUTH_MAX_AGE`). A bearer session also gets a new `access_token` carrying the new `auth_time`; jwt ' +
      'cookie mode gets a new access cookie. A wrong password or code counts as a failed login.',
    tags: ['auth'],
    security: signedIn,
    requestBody: jsonBody({
      type: 'object',
      properties: { password: { type: 'string' }, code: { type: 'string', pattern: '^[0-9]{6}$' } },
      description: 'Exactly one of `password` and `code`.',
    }),
    responses: {
      '200': json(
        'Reauthenticated.',
        {
          type: 'object',
          required: ['session'],
          properties: {
            session: ref('Session'),
            access_token: {
              type: 'string',
              description: 'Bearer sessions: an access token with the new `auth_time`.',
            },
            token_type: { type: 'string', const: 'Bearer' },
            expires_in: { type: 'integer' },
          },
        },
        { 'Set-Cookie': setCookie },
      ),
      '400': badRequest,
      '401': signedInOr('Not signed in, or a wrong password or code.', [
        'invalid_credentials',
        'invalid_code',
      ]),
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': throttled,
      '503': authenticatedDown,
    },
  },
};
