import { renamePasskey } from '../../passkey/rename-passkey.js';
import {
  authenticatedDown,
  badRequest,
  csrf,
  json,
  jsonBody,
  problem,
  ref,
  signedIn,
  tooLarge,
  unauthenticated,
  wrongMediaType,
} from '../openapi/openapi-parts.js';
import { readJsonBody } from '../read-json-body.js';
import type { SignedInRoute } from '../router/route.js';
import { passkeyIdParameter, readPasskeyName, toPublicPasskey } from './lib/passkey-shapes.js';
import { jsonResponse, withSlidingCookie } from './lib/route-responses.js';

/** `POST /auth/passkeys/:id`: rename one of the caller's passkeys. */
export const renamePasskeyRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/passkeys/:id',
  caller: 'signed-in',
  async handle(context, caller) {
    const name = readPasskeyName(readJsonBody(context.request), true) ?? '';
    const passkey = await renamePasskey(context.services.deps, {
      userId: caller.auth.user.id,
      sessionId: caller.auth.session.id,
      passkeyId: context.params['id'] ?? '',
      name,
      origin: context.origin,
    });
    return withSlidingCookie(jsonResponse(200, { passkey: toPublicPasskey(passkey) }), caller, context);
  },
  openapi: {
    operationId: 'renamePasskey',
    summary: 'Rename one of your passkeys',
    tags: ['passkeys'],
    security: signedIn,
    parameters: [passkeyIdParameter],
    requestBody: jsonBody({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 64 } },
    }),
    responses: {
      '200': json('Renamed.', {
        type: 'object',
        required: ['passkey'],
        properties: { passkey: ref('Passkey') },
      }),
      '400': badRequest,
      '401': unauthenticated,
      '403': csrf,
      '404': problem("No such passkey among the caller's (another user's answers the same).", ['not_found']),
      '413': tooLarge,
      '415': wrongMediaType,
      '503': authenticatedDown,
    },
  },
};
