import { disableUser } from '../../admin/disable-user.js';
import {
  adminForbiddenOrCsrf,
  adminUserResponse,
  authenticatedDown,
  lastAdmin,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminUser } from './lib/admin-shapes.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /admin/users/:id/disable`: sign-in refused and every session revoked at once. */
export const adminDisableUserRoute: AdminRoute = {
  method: 'POST',
  path: '/admin/users/:id/disable',
  caller: 'admin',
  async handle(context, actor) {
    const user = await disableUser(context.services.deps, context.params['id'] ?? '', actor);
    return jsonResponse(200, { user: toAdminUser(user) });
  },
  openapi: {
    operationId: 'adminDisableUser',
    summary: 'Disable a user: sign-in refused and every session revoked at once',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': adminUserResponse,
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '409': lastAdmin,
      '503': authenticatedDown,
    },
  },
};
