import { resetSecondFactors } from '../../mfa/manage-totp.js';
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

/** `DELETE /admin/users/:id/mfa`: reset a user's second factor (lost phone and codes). */
export const adminResetUserMfaRoute: AdminRoute = {
  method: 'DELETE',
  path: '/admin/users/:id/mfa',
  caller: 'admin',
  async handle(context, actor) {
    const user = await findPathUser(context);
    await resetSecondFactors(context.services.deps, user, actor);
    return emptyResponse(204);
  },
  openapi: {
    operationId: 'adminResetUserMfa',
    summary: "Reset a user's second factor; every session of the user is revoked",
    description:
      'Removes the authenticator app and the recovery codes, revokes every session of the user, and records ' +
      '`mfa.reset` with the administrator. The user signs in with the password alone and can set up a new one.',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '204': { description: 'Reset (also when the user had none).' },
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
