import { sendPasswordReset } from '../../admin/send-password-reset.js';
import {
  adminForbiddenOrCsrf,
  json,
  problem,
  signedIn,
  unauthenticated,
  userIdParameter,
  userNotFound,
} from '../openapi/openapi-parts.js';
import type { AdminRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** `POST /admin/users/:id/password-reset`: mail the user a password-reset link. */
export const adminSendPasswordResetRoute: AdminRoute = {
  method: 'POST',
  path: '/admin/users/:id/password-reset',
  caller: 'admin',
  async handle(context, actor) {
    const sent = await sendPasswordReset(context.services.deps, context.params['id'] ?? '', actor);
    return jsonResponse(202, { sent });
  },
  openapi: {
    operationId: 'adminSendPasswordReset',
    summary: "Mail a user a password-reset link (to the user's own address)",
    description:
      'The administrator never sees the link. `sent` is false when the user is disabled or the address already had ' +
      '3 reset mails in 15 minutes. Waits for the mail server: 503 `email_unavailable` when it fails.',
    tags: ['admin'],
    security: signedIn,
    parameters: [userIdParameter],
    responses: {
      '202': json('Accepted.', {
        type: 'object',
        required: ['sent'],
        properties: { sent: { type: 'boolean' } },
        additionalProperties: false,
      }),
      '401': unauthenticated,
      '403': adminForbiddenOrCsrf,
      '404': userNotFound,
      '503': problem('A store, the signing keys, the revocation feed or the mail server is unavailable.', [
        'store_unavailable',
        'key_set_unavailable',
        'revocation_feed_unavailable',
        'email_unavailable',
      ]),
    },
  },
};
