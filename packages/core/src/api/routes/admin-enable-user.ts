import { enableUser } from '../../admin/enable-user.js';
import {
  adminForbiddenOrCsrf,
  adminUserResponse,
  authenticatedDown,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminUser } from './lib/admin-shapes.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /admin/users/:id/enable`: enable a disabled user again. */
export const adminEnableUserRoute: AdminRoute = {
  method: 'POST',
  path: '/admin/users/:id/enable',
  caller: 'admin',
  async handle(context, actor) {
    const user = await enableUser(context.services.deps, context.params['id'] ?? '', actor);
    return jsonResponse(200, { user: toAdminUser(user) });
  },
  openapi: {
    operationId: 'adminEnableUser',
    summary: 'Enable a disabled user again',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': adminUserResponse,
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
