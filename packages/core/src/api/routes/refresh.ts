import { refreshSession } from '../../account/refresh-session.js';
import { findRepeatedCookieNames } from '../../cookie/find-repeated-cookie-names.js';
import { InvalidRefreshTokenError, TesseraError, UnauthenticatedError } from '../../errors.js';
import {
  authenticatedDown,
  badRequest,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  setCookie,
  tooLarge,
  wrongMediaType,
  wwwAuthenticate,
} from '../openapi/openapi-parts.js';
import { problemResponse } from '../problem.js';
import { readJsonBody, readOptionalStringField } from '../read-json-body.js';
import type { PublicRoute } from '../router/route.js';
import { answerSignedIn } from './lib/answer-signed-in.js';
import { appendCookies } from './lib/route-responses.js';

/** `POST /auth/refresh`: a refresh token (body or jwt-mode cookie) for new tokens, rotated. */
export const refreshRoute: PublicRoute = {
  method: 'POST',
  path: '/auth/refresh',
  caller: 'anyone',
  async handle(context) {
    const { deps } = context.services;
    const fromBody =
      context.request.body.length > 0
        ? readOptionalStringField(readJsonBody(context.request), 'refresh_token')
        : null;
    const { authCookies } = context.services;
    const presented = fromBody ?? context.cookies[authCookies.refresh] ?? null;
    // Two values of one of our cookies (cookie tossing, DESIGN §3.2): neither is used, nothing rotates.
    const tossed = findRepeatedCookieNames(context.request.headers['cookie'], authCookies.all).length > 0;
    if (!tossed && (presented === null || presented === ''))
      throw new UnauthenticatedError('Send a refresh token.');
    try {
      if (tossed || presented === null) throw new InvalidRefreshTokenError();
      const refreshed = await refreshSession(deps, presented, context.origin);
      deps.observer.refreshed('success');
      return await answerSignedIn(200, context, { ...refreshed, token: null });
    } catch (error) {
      // Reuse is reported where it is detected (with its audit event).
      if (error instanceof InvalidRefreshTokenError) deps.observer.refreshed('invalid');
      // A refresh cookie that failed is dead: clear it so the browser stops sending it.
      if ((fromBody === null || tossed) && error instanceof TesseraError) {
        const response = problemResponse(error, true);
        const cleared = tossed ? authCookies.all : [authCookies.access, authCookies.refresh];
        appendCookies(response, authCookies.blankCookies(context.now, cleared));
        return response;
      }
      if (error instanceof TesseraError) return problemResponse(error, true);
      throw error;
    }
  },
  openapi: {
    operationId: 'refresh',
    summary: 'Exchange a refresh token for a new access token and refresh token',
    description:
      'The token comes from the body (bearer clients) or the refresh cookie (jwt cookie mode). Rotation is idempotent ' +
      'within `TESSERA_REFRESH_REUSE_GRACE` seconds; an older token is reuse and revokes the session.',
    tags: ['auth'],
    security: [{}, { refreshCookie: [] }],
    requestBody: jsonBody({ type: 'object', properties: { refresh_token: { type: 'string' } } }, false),
    responses: {
      '200': json('New tokens (bearer) or new cookies (jwt cookie mode).', ref('SignedIn'), {
        'Set-Cookie': setCookie,
      }),
      '400': badRequest,
      '401': problem(
        'No refresh token; an unknown, expired or revoked one; or a reused one (the session is now revoked).',
        ['unauthenticated', 'invalid_token', 'refresh_token_reused'],
        { 'WWW-Authenticate': wwwAuthenticate },
      ),
      '403': csrf,
      '413': tooLarge,
      '415': wrongMediaType,
      '503': authenticatedDown,
    },
  },
};
