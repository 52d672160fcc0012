import { unlinkProviderIdentity } from '../../oauth/unlink-provider-identity.js';
import { authenticatedDown, problem, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { providerParameter } from './lib/oauth-route-parts.js';
import { emptyResponse, withSlidingCookie } from './lib/route-responses.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';

/**
 * `DELETE /auth/identities/:provider`: unlink a provider from the caller's account, unless it is the
 * last way in.
 */
export const deleteIdentityRoute: SignedInRoute = {
  method: 'DELETE',
  path: '/auth/identities/:provider',
  caller: 'signed-in',
  // Adds or removes a way into the account: the session must have proved itself lately (DESIGN §9).
  recentAuth: true,
  async handle(context, caller) {
    await unlinkProviderIdentity(context.services.deps, {
      userId: caller.auth.user.id,
      session: caller.auth.session,
      provider: context.params['provider'] ?? '',
      origin: context.origin,
    });
    return withSlidingCookie(emptyResponse(204), caller, context);
  },
  openapi: {
    operationId: 'unlinkIdentity',
    summary: 'Unlink a provider from your account',
    description:
      'Refused (409 `last_sign_in_method`) when the account would have no password, passkey or other identity left.',
    tags: ['oauth'],
    security: signedIn,
    parameters: [providerParameter],
    responses: {
      '204': { description: 'Unlinked.' },
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '404': problem('No identity of this provider is linked to your account.', ['not_found']),
      '409': problem('It is your last way to sign in.', ['last_sign_in_method']),
      '503': authenticatedDown,
    },
  },
};
