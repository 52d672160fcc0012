import { revokeSessions } from '../../account/revoke-sessions.js';
import { SessionNotFoundError } from '../../errors.js';
import { isSessionExpired } from '../../session/session-expiry.js';
import {
  authenticatedDown,
  clearingCookies,
  csrf,
  problem,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { emptyResponse, signedOut, withSlidingCookie } from './lib/route-responses.js';

/** `DELETE /auth/sessions/:id`: revoke one of the caller's sessions (the current one: a logout). */
export const deleteSessionRoute: SignedInRoute = {
  method: 'DELETE',
  path: '/auth/sessions/:id',
  caller: 'signed-in',
  async handle(context, caller) {
    const { deps } = context.services;
    const sessionId = context.params['id'] ?? '';
    // One primary-key read, not the caller's whole list: this check comes before the announcement,
    // so its time is part of every revocation's window (decision 0069). Another user's session, an
    // expired one and a missing one answer the same 404: ids are not probeable.
    const target = await deps.store.getSession(sessionId);
    if (
      target === null ||
      target.userId !== caller.auth.user.id ||
      isSessionExpired(target, deps.clock.now())
    ) {
      throw new SessionNotFoundError();
    }
    const isCurrent = sessionId === caller.auth.session.id;
    await revokeSessions(deps, [sessionId], {
      userId: caller.auth.user.id,
      reason: isCurrent ? 'logout' : 'device-removed',
      actorSessionId: caller.auth.session.id,
      origin: context.origin,
    });
    return isCurrent ? signedOut(caller, context) : withSlidingCookie(emptyResponse(204), caller, context);
  },
  openapi: {
    operationId: 'revokeSession',
    summary: 'Revoke one of your sessions (your current one: a logout)',
    tags: ['auth'],
    security: signedIn,
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'A session id from `GET /auth/sessions`.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      },
    ],
    responses: {
      '204': { description: 'Revoked.', headers: { 'Set-Cookie': clearingCookies } },
      '401': unauthenticated,
      '403': csrf,
      '404': problem("No such session among the caller's (another user's session answers the same).", [
        'not_found',
      ]),
      '503': authenticatedDown,
    },
  },
};
