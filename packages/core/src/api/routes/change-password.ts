import { changePassword } from '../../account/change-password.js';
import { sessionExpiresAt } from '../../session/session-expiry.js';
import {
  authenticatedDown,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  retryAfter,
  setCookie,
  signedIn,
  tooLarge,
  wrongMediaType,
  wwwAuthenticate,
} from '../openapi/openapi-parts.js';
import { readJsonBody, readStringField } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { answerSignedIn } from './lib/answer-signed-in.js';
import { appendCookies, emptyResponse } from './lib/route-responses.js';

/** `POST /auth/password`: change the password; every other session is revoked. */
export const changePasswordRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/password',
  caller: 'signed-in',
  async handle(context, caller) {
    const { deps, authCookies } = context.services;
    const body = readJsonBody(context.request);
    const { user, session } = caller.auth;
    const changed = await changePassword(deps, {
      user,
      session,
      currentPassword: readStringField(body, 'currentPassword'),
      newPassword: readStringField(body, 'newPassword'),
      origin: context.origin,
    });
    // The current device stays signed in with fresh credentials. The old refresh token is dead
    // (a thief's copy with it), so a bearer client gets the new one in a 200 login-shaped body
    // instead of the 204 (docs/decisions/0021-password-change-bearer.md).
    if (caller.proof === 'bearer' && changed.refreshToken !== null) {
      return answerSignedIn(200, context, { user, session, token: null, refreshToken: changed.refreshToken });
    }
    const response = emptyResponse(204);
    if (caller.proof === 'session-cookie') {
      // changePassword already gave the session a new secret (and told every instance).
      appendCookies(response, [
        authCookies.sessionCookie(changed.sessionToken, sessionExpiresAt(session), context.now),
      ]);
    } else if (caller.proof === 'access-cookie' && changed.refreshToken !== null) {
      const access = await deps.tokens.issueAccessToken(user, session);
      appendCookies(response, [
        authCookies.accessCookie(access.token, access.expiresInSeconds, context.now),
        authCookies.refreshCookie(changed.refreshToken, sessionExpiresAt(session), context.now),
      ]);
    }
    return response;
  },
  openapi: {
    operationId: 'changePassword',
    summary: 'Change the password; every other session is revoked',
    description:
      'The current session stays signed in: a session cookie is rotated, jwt cookie mode re-issues both cookies (204). ' +
      'A bearer client gets 200 with new tokens, like a login: its access token stays valid, its old refresh token is dead. ' +
      'A wrong current password counts as a failed login.',
    tags: ['auth'],
    security: signedIn,
    requestBody: jsonBody({
      type: 'object',
      required: ['currentPassword', 'newPassword'],
      properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string' } },
    }),
    responses: {
      '200': json(
        'Changed (bearer): the session with a new access token and refresh token.',
        ref('SignedIn'),
      ),
      '204': { description: 'Changed (cookies).', headers: { 'Set-Cookie': setCookie } },
      '400': problem('Malformed body, or a new password the policy refuses.', [
        'invalid_request',
        'weak_password',
      ]),
      '401': problem(
        'Not signed in, or the current password is wrong.',
        ['unauthenticated', 'invalid_token', 'token_expired', 'session_revoked', 'invalid_credentials'],
        { 'WWW-Authenticate': wwwAuthenticate },
      ),
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '429': problem('Too many failed attempts.', ['rate_limited'], { 'Retry-After': retryAfter }),
      '503': authenticatedDown,
    },
  },
};
