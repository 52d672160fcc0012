import {
  adminBadRequest,
  adminForbidden,
  authenticatedDown,
  isoTime,
  json,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { findPathUser } from './lib/find-path-user.js';
import { readQuery } from './lib/read-query.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /admin/users/:id/identities`: the provider identities linked to a user (DESIGN §8). */
export const adminListUserIdentitiesRoute: AdminRoute = {
  method: 'GET',
  path: '/admin/users/:id/identities',
  caller: 'admin',
  async handle(context) {
    readQuery(context.request, []);
    const user = await findPathUser(context);
    const identities = await context.services.deps.store.listUserIdentities(user.id);
    return jsonResponse(200, {
      identities: identities.map((identity) => ({
        provider: identity.provider,
        subject: identity.subject,
        email: identity.email,
        emailVerified: identity.emailVerified,
        linkedAt: identity.linkedAt.toISOString(),
      })),
    });
  },
  openapi: {
    operationId: 'adminListUserIdentities',
    summary: "A user's linked sign-in providers",
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '200': json("The user's identities, in provider order.", {
        type: 'object',
        required: ['identities'],
        properties: {
          identities: {
            type: 'array',
            items: {
              type: 'object',
              required: ['provider', 'subject', 'email', 'emailVerified', 'linkedAt'],
              properties: {
                provider: { type: 'string' },
                subject: {
                  type: 'string',
                  description: "The provider's subject (`sub`, or GitHub's user id).",
                },
                email: { type: 'string' },
                emailVerified: { type: 'boolean' },
                linkedAt: isoTime,
              },
            },
          },
        },
      }),
      '400': adminBadRequest,
      '401': unauthenticated,
      '403': adminForbidden,
      '404': userNotFound,
      '503': authenticatedDown,
    },
  },
};
