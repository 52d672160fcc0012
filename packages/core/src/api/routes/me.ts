import type { AuthResponse } from '../auth-request.js';
import { authenticatedDown, json, ref, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { serializeCallerBody } from '../serialize-caller-body.js';
import { JSON_CONTENT_TYPE, withSlidingCookie } from './lib/route-responses.js';

/** `GET /auth/me`: the signed-in user and session (the hot path of cookie sessions). */
export const meRoute: SignedInRoute = {
  method: 'GET',
  path: '/auth/me',
  caller: 'signed-in',
  handle(context, caller) {
    const response: AuthResponse = {
      status: 200,
      headers: [['content-type', JSON_CONTENT_TYPE]],
      body: serializeCallerBody(caller.auth.user, caller.auth.session),
    };
    return Promise.resolve(withSlidingCookie(response, caller, context));
  },
  openapi: {
    operationId: 'getMe',
    summary: 'The signed-in user and session',
    tags: ['auth'],
    security: signedIn,
    responses: {
      '200': json(
        'The caller.',
        {
          type: 'object',
          required: ['user', 'session'],
          properties: { user: ref('User'), session: ref('Session') },
        },
        {
          'Set-Cookie': {
            description: 'A sliding session cookie when its expiry moved.',
            schema: { type: 'string' },
          },
        },
      ),
      '401': unauthenticated,
      '503': authenticatedDown,
    },
  },
};
