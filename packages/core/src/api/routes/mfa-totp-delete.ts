import { removeTotp } from '../../mfa/manage-totp.js';
import { authenticatedDown, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';
import { emptyResponse } from './lib/route-responses.js';

/** `DELETE /auth/mfa/totp`: turn the authenticator app off (recent authentication). */
export const mfaTotpDeleteRoute: SignedInRoute = {
  method: 'DELETE',
  path: '/auth/mfa/totp',
  caller: 'signed-in',
  recentAuth: true,
  async handle(context, caller) {
    await removeTotp(context.services.deps, {
      user: caller.auth.user,
      sessionId: caller.auth.session.id,
      origin: context.origin,
    });
    return emptyResponse(204);
  },
  openapi: {
    operationId: 'removeTotp',
    summary: 'Turn off the authenticator app (and its recovery codes)',
    tags: ['mfa'],
    security: signedIn,
    responses: {
      '204': { description: 'Off (also when it was not on).' },
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '503': authenticatedDown,
    },
  },
};
