import { revokeSessions } from '../../account/revoke-sessions.js';
import { UnknownSessionError } from '../../errors.js';
import {
  adminForbiddenOrCsrf,
  authenticatedDown,
  problem,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { emptyResponse } from './lib/route-responses.js';

/** `DELETE /admin/sessions/:id`: revoke one session of any user. */
export const adminRevokeSessionRoute: AdminRoute = {
  method: 'DELETE',
  path: '/admin/sessions/:id',
  caller: 'admin',
  async handle(context, actor) {
    const { deps } = context.services;
    const session = await deps.store.getSession(context.params['id'] ?? '');
    if (session === null) throw new UnknownSessionError();
    await revokeSessions(deps, [session.id], {
      userId: session.userId,
      reason: 'admin',
      actorSessionId: actor.sessionId,
      origin: actor.origin,
      admin: actor,
    });
    return emptyResponse(204);
  },
  openapi: {
    operationId: 'adminRevokeSession',
    summary: 'Revoke one session of any user',
    tags: ['admin'],
    security: signedIn,
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'A session id.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      },
    ],
    responses: {
      '204': { description: 'Revoked.' },
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': problem('No such session.', ['session_not_found']),
      '503': authenticatedDown,
    },
  },
};
