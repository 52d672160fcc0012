import { removePasskey } from '../../passkey/remove-passkey.js';
import { authenticatedDown, problem, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { passkeyIdParameter } from './lib/passkey-shapes.js';
import { emptyResponse, withSlidingCookie } from './lib/route-responses.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';

/** `DELETE /auth/passkeys/:id`: remove one of the caller's passkeys. */
export const deletePasskeyRoute: SignedInRoute = {
  method: 'DELETE',
  path: '/auth/passkeys/:id',
  caller: 'signed-in',
  // Adds or removes a way into the account: the session must have proved itself lately (DESIGN §9).
  recentAuth: true,
  async handle(context, caller) {
    await removePasskey(context.services.deps, {
      userId: caller.auth.user.id,
      sessionId: caller.auth.session.id,
      passkeyId: context.params['id'] ?? '',
      origin: context.origin,
    });
    return withSlidingCookie(emptyResponse(204), caller, context);
  },
  openapi: {
    operationId: 'deletePasskey',
    summary: 'Remove one of your passkeys',
    tags: ['passkeys'],
    security: signedIn,
    parameters: [passkeyIdParameter],
    responses: {
      '204': { description: 'Removed: it cannot sign in again.' },
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '404': problem("No such passkey among the caller's (another user's answers the same).", ['not_found']),
      '503': authenticatedDown,
    },
  },
};
