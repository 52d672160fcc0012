import { resendVerification } from '../../account/resend-verification.js';
import { csrf, json, problem, retryAfter, signedIn, unauthenticated } from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `POST /auth/email/verify/resend`: mail the signed-in user a fresh verification link. */
export const resendVerificationRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/email/verify/resend',
  caller: 'signed-in',
  async handle(context, caller) {
    await resendVerification(context.services.deps, {
      user: caller.auth.user,
      session: caller.auth.session,
      origin: context.origin,
    });
    return withSlidingCookie(jsonResponse(202, {}), caller, context);
  },
  openapi: {
    operationId: 'resendEmailVerification',
    summary: 'Mail a fresh verification link',
    description:
      'Waits for the mail server: 503 `email_unavailable` when it fails. An address already verified, or one that had ' +
      '3 messages of this kind in 15 minutes, gets the same 202 and no mail.',
    tags: ['email'],
    security: signedIn,
    responses: {
      '202': json('Accepted.', { type: 'object', additionalProperties: false }),
      '401': unauthenticated,
      '403': csrf,
      '429': problem('Too many email requests from this client IP.', ['rate_limited'], {
        'Retry-After': retryAfter,
      }),
      '503': problem('A store, the signing keys, the revocation feed or the mail server is unavailable.', [
        'store_unavailable',
        'key_set_unavailable',
        'revocation_feed_unavailable',
        'email_unavailable',
      ]),
    },
  },
};
