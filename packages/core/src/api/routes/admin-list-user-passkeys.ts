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
import { findPathUser } from './lib/find-path-user.js';
import { toAdminPasskey } from './lib/passkey-shapes.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users/:id/passkeys`: a user's passkeys. */
export const adminListUserPasskeysRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users/:id/passkeys',
  caller: 'admin',
  async handle(context) {
    const user = await findPathUser(context);
    const passkeys = await context.services.deps.store.listUserPasskeys(user.id);
    return jsonResponse(200, { passkeys: passkeys.map(toAdminPasskey) });
  },
  openapi: {
    operationId: 'adminListUserPasskeys',
    summary: "A user's passkeys",
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': json("The user's passkeys, oldest first.", {
        type: 'object',
        required: ['passkeys'],
        properties: { passkeys: { type: 'array', items: ref('AdminPasskey') } },
      }),
      '401': unauthenticated,
      '403': adminForbidden,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
