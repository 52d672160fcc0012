import { revokeUserSessions } from '../../account/revoke-sessions.js';
import {
  adminForbiddenOrCsrf,
  authenticatedDown,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { findPathUser } from './lib/find-path-user.js';
import { emptyResponse } from './lib/route-responses.js';

/** `DELETE /admin/users/:id/sessions`: revoke every session of a user. */
export const adminRevokeUserSessionsRoute: AdminRoute = {
  method: 'DELETE',
  path: '/admin/users/:id/sessions',
  caller: 'admin',
  async handle(context, actor) {
    const user = await findPathUser(context);
    await revokeUserSessions(context.services.deps, null, {
      userId: user.id,
      reason: 'admin',
      actorSessionId: actor.sessionId,
      origin: actor.origin,
      admin: actor,
    });
    return emptyResponse(204);
  },
  openapi: {
    operationId: 'adminRevokeUserSessions',
    summary: 'Revoke every session of a user',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '204': { description: 'Revoked.' },
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
