import { authenticatedDown, json, ref, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { toPublicPasskey } from './lib/passkey-shapes.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `GET /auth/passkeys`: the caller's passkeys. */
export const listPasskeysRoute: SignedInRoute = {
  method: 'GET',
  path: '/auth/passkeys',
  caller: 'signed-in',
  async handle(context, caller) {
    const passkeys = await context.services.deps.store.listUserPasskeys(caller.auth.user.id);
    return withSlidingCookie(jsonResponse(200, { passkeys: passkeys.map(toPublicPasskey) }), caller, context);
  },
  openapi: {
    operationId: 'listPasskeys',
    summary: "The user's passkeys",
    description:
      'Answers even when passkeys are off (then the passkeys made before still show, and can be removed).',
    tags: ['passkeys'],
    security: signedIn,
    responses: {
      '200': json('Every passkey of the user, oldest first.', {
        type: 'object',
        required: ['passkeys'],
        properties: { passkeys: { type: 'array', items: ref('Passkey') } },
      }),
      '401': unauthenticated,
      '503': authenticatedDown,
    },
  },
};
