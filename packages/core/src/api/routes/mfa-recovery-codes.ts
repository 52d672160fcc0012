import { regenerateRecoveryCodes } from '../../mfa/manage-totp.js';
import { authenticatedDown, problem, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { recentAuthOrCsrf, recoveryCodesResponse } from './lib/mfa-openapi.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /auth/mfa/recovery-codes`: new recovery codes, the old ones dead (recent authentication). */
export const mfaRecoveryCodesRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/mfa/recovery-codes',
  caller: 'signed-in',
  recentAuth: true,
  async handle(context, caller) {
    const recoveryCodes = await regenerateRecoveryCodes(context.services.deps, {
      user: caller.auth.user,
      sessionId: caller.auth.session.id,
      origin: context.origin,
    });
    return jsonResponse(200, { recoveryCodes });
  },
  openapi: {
    operationId: 'regenerateRecoveryCodes',
    summary: 'New recovery codes; the old ones stop working',
    tags: ['mfa'],
    security: signedIn,
    responses: {
      '200': recoveryCodesResponse,
      '400': problem('Two-step verification is not on.', ['invalid_request']),
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '503': authenticatedDown,
    },
  },
};
