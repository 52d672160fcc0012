import type { AdminActor } from '../../../admin/admin-actor.js';
import type { AdminDeps } from '../../../admin/admin-deps.js';
import type { UserRecord } from '../../../store/user-store.js';
import {
  adminForbiddenOrCsrf,
  adminUserResponse,
  authenticatedDown,
  lastAdmin,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../../openapi/openapi-parts.js';
import type { AdminRoute } from '../../router/route.js';
import { toAdminUser } from './admin-shapes.js';
import { jsonResponse } from './route-responses.js';

/**
 * `POST /admin/users/:id/<action>`: an admin operation that changes one user's state and answers
 * 200 `{user}` (disable, enable). `mayRefuseLastAdmin` adds the 409 `last_admin` answer.
 */
export function userStateRoute(spec: {
  action: 'disable' | 'enable';
  change: (deps: AdminDeps, userId: string, actor: AdminActor) => Promise<UserRecord>;
  operationId: string;
  summary: string;
  mayRefuseLastAdmin: boolean;
}): AdminRoute {
  return {
    method: 'POST',
    path: `/admin/users/:id/${spec.action}`,
    caller: 'admin',
    async handle(context, actor) {
      const user = await spec.change(context.services.deps, context.params['id'] ?? '', actor);
      return jsonResponse(200, { user: toAdminUser(user) });
    },
    openapi: {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: ['admin'],
      security: signedIn,
      parameters: [userIdParameter],
      responses: {
        '200': adminUserResponse,
        '401': unauthenticated,
        '403': adminForbiddenOrCsrf,
        '404': userNotFound,
        ...(spec.mayRefuseLastAdmin ? { '409': lastAdmin } : {}),
        '503': authenticatedDown,
      },
    },
  };
}
