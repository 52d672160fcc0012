import { sessionExpiresAt } from '../../session/session-expiry.js';
import {
  adminForbidden,
  authenticatedDown,
  json,
  ref,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminSession } from './lib/admin-shapes.js';
import { findPathUser } from './lib/find-path-user.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users/:id/sessions`: a user's live sessions. */
export const adminListUserSessionsRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users/:id/sessions',
  caller: 'admin',
  async handle(context) {
    const { deps } = context.services;
    const user = await findPathUser(context);
    const now = deps.clock.now();
    const sessions = (await deps.store.listUserSessions(user.id)).filter(
      (session) => sessionExpiresAt(session).getTime() > now.getTime(),
    );
    return jsonResponse(200, { sessions: sessions.map(toAdminSession) });
  },
  openapi: {
    operationId: 'adminListUserSessions',
    summary: "A user's live sessions",
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': json("The user's sessions.", {
        type: 'object',
        required: ['sessions'],
        properties: { sessions: { type: 'array', items: ref('AdminSession') } },
      }),
      '401': unauthenticated,
      '403': adminForbidden,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
