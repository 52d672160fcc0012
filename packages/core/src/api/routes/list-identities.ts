import { authenticatedDown, isoTime, json, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `GET /auth/identities`: the provider identities linked to the caller's account. */
export const listIdentitiesRoute: SignedInRoute = {
  method: 'GET',
  path: '/auth/identities',
  caller: 'signed-in',
  async handle(context, caller) {
    const identities = await context.services.deps.store.listUserIdentities(caller.auth.user.id);
    const response = jsonResponse(200, {
      identities: identities.map((identity) => ({
        provider: identity.provider,
        email: identity.email,
        linkedAt: identity.linkedAt.toISOString(),
      })),
    });
    return withSlidingCookie(response, caller, context);
  },
  openapi: {
    operationId: 'listIdentities',
    summary: 'The providers linked to your account',
    tags: ['oauth'],
    security: signedIn,
    responses: {
      '200': json('Every linked identity, in provider order.', {
        type: 'object',
        required: ['identities'],
        properties: {
          identities: {
            type: 'array',
            items: {
              type: 'object',
              required: ['provider', 'email', 'linkedAt'],
              properties: {
                provider: { type: 'string' },
                email: { type: 'string', description: 'The address the provider gave when it was linked.' },
                linkedAt: isoTime,
              },
            },
          },
        },
      }),
      '401': unauthenticated,
      '503': authenticatedDown,
    },
  },
};
