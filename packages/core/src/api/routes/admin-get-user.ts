import {
  adminForbidden,
  adminUserResponse,
  authenticatedDown,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminUser } from './lib/admin-shapes.js';
import { findPathUser } from './lib/find-path-user.js';
import { readQuery } from './lib/read-query.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users/:id`: one user. */
export const adminGetUserRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users/:id',
  caller: 'admin',
  async handle(context) {
    readQuery(context.request, []);
    return jsonResponse(200, { user: toAdminUser(await findPathUser(context)) });
  },
  openapi: {
    operationId: 'adminGetUser',
    summary: 'One user',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': adminUserResponse,
      '401': unauthenticated,
      '403': adminForbidden,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
