import { describeSecondFactors } from '../../mfa/manage-totp.js';
import {
  adminForbidden,
  authenticatedDown,
  json,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { findPathUser } from './lib/find-path-user.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users/:id/mfa`: a user's second factors (never a secret). */
export const adminGetUserMfaRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users/:id/mfa',
  caller: 'admin',
  async handle(context) {
    const user = await findPathUser(context);
    const summary = await describeSecondFactors(context.services.deps, user.id);
    return jsonResponse(200, summary);
  },
  openapi: {
    operationId: 'adminGetUserMfa',
    summary: "A user's second factors",
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': json('The second factors, as `GET /auth/mfa` shows them to the user.', {
        type: 'object',
        required: ['totp', 'recoveryCodesLeft', 'passkeys'],
        properties: {
          totp: { type: 'boolean' },
          recoveryCodesLeft: { type: 'integer', minimum: 0 },
          passkeys: { type: 'integer', minimum: 0 },
        },
      }),
      '401': unauthenticated,
      '403': adminForbidden,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
