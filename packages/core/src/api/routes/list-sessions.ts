import { listUserSessions } from '../../session/list-user-sessions.js';
import { authenticatedDown, json, ref, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import { toPublicDevice } from '../public-shapes.js';
import type { SignedInRoute } from '../router/route.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `GET /auth/sessions`: the caller's sessions (devices). */
export const listSessionsRoute: SignedInRoute = {
  method: 'GET',
  path: '/auth/sessions',
  caller: 'signed-in',
  async handle(context, caller) {
    const sessions = await listUserSessions(context.services.deps, caller.auth.user.id);
    const response = jsonResponse(200, {
      sessions: sessions.map((s) => toPublicDevice(s, caller.auth.session.id)),
    });
    return withSlidingCookie(response, caller, context);
  },
  openapi: {
    operationId: 'listSessions',
    summary: "The user's sessions (devices)",
    tags: ['auth'],
    security: signedIn,
    responses: {
      '200': json('Every session of the user, oldest first.', {
        type: 'object',
        required: ['sessions'],
        properties: { sessions: { type: 'array', items: ref('Device') } },
      }),
      '401': unauthenticated,
      '503': authenticatedDown,
    },
  },
};
