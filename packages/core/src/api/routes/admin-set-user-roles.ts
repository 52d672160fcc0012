import { setUserRoles } from '../../admin/set-user-roles.js';
import { InvalidRequestError } from '../../errors.js';
import {
  adminBadRequest,
  adminForbiddenOrCsrf,
  adminUserResponse,
  authenticatedDown,
  jsonBody,
  lastAdmin,
  signedIn,
  tooLarge,
  unauthenticated,
  userIdParameter,
  userNotFound,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody } from '../read-json-body.js';
import type { AdminRoute } from '../router/route.js';
import { toAdminUser } from './lib/admin-shapes.js';
import { jsonResponse } from './lib/route-responses.js';

/** `PUT /admin/users/:id/roles`: replace a user's roles. */
export const adminSetUserRolesRoute: AdminRoute = {
  method: 'PUT',
  path: '/admin/users/:id/roles',
  caller: 'admin',
  async handle(context, actor) {
    const body = readJsonBody(context.request);
    const roles = Object.hasOwn(body, 'roles') ? body['roles'] : undefined;
    if (!Array.isArray(roles)) throw new InvalidRequestError('"roles" must be an array of strings.');
    const user = await setUserRoles(
      context.services.deps,
      context.params['id'] ?? '',
      roles as string[],
      actor,
    );
    return jsonResponse(200, { user: toAdminUser(user) });
  },
  openapi: {
    operationId: 'adminSetUserRoles',
    summary: "Replace a user's roles; the next access token carries them, no session is revoked",
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    requestBody: jsonBody({
      type: 'object',
      required: ['roles'],
      properties: {
        roles: {
          type: 'array',
          description: 'At most 32 roles.',
          items: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
        },
      },
    }),
    responses: {
      '200': adminUserResponse,
      '400': adminBadRequest,
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '409': lastAdmin,
      '413': tooLarge,
      '415': wrongMediaType,
      '503': authenticatedDown,
    },
  },
};
