import { startTotpEnrolment } from '../../mfa/manage-totp.js';
import { authenticatedDown, json, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { recentAuthOrCsrf } from './lib/mfa-openapi.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /auth/mfa/totp`: start a TOTP enrolment (recent authentication, DESIGN §9). */
export const mfaTotpStartRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/mfa/totp',
  caller: 'signed-in',
  recentAuth: true,
  async handle(context, caller) {
    return jsonResponse(200, await startTotpEnrolment(context.services.deps, caller.auth.user));
  },
  openapi: {
    operationId: 'startTotpEnrolment',
    summary: 'Start setting up an authenticator app (TOTP)',
    description:
      'A new secret (RFC 6238: SHA-1, 6 digits, 30 s), pending until confirmed with a code; an authenticator already ' +
      'confirmed stays in force until then. The secret is stored sealed and shown only in this answer.',
    tags: ['mfa'],
    security: signedIn,
    responses: {
      '200': json('The pending secret.', {
        type: 'object',
        required: ['secret', 'otpauthUrl'],
        properties: {
          secret: { type: 'string', description: 'Base32 (RFC 4648), for typing in.' },
          otpauthUrl: { type: 'string', description: '`otpauth://totp/…`, for a QR code.' },
        },
      }),
      '401': unauthenticated,
      '403': recentAuthOrCsrf,
      '503': authenticatedDown,
    },
  },
};
