import { revokeUserSessions } from '../../account/revoke-sessions.js';
import {
  authenticatedDown,
  clearingCookies,
  csrf,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { signedOut } from './lib/route-responses.js';

/** `POST /auth/logout-all`: revoke every session of the caller's user. */
export const logoutAllRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/logout-all',
  caller: 'signed-in',
  async handle(context, caller) {
    await revokeUserSessions(context.services.deps, null, {
      userId: caller.auth.user.id,
      reason: 'logout-all',
      actorSessionId: caller.auth.session.id,
      origin: context.origin,
    });
    return signedOut(caller, context);
  },
  openapi: {
    operationId: 'logoutAll',
    summary: 'Sign out everywhere: revoke every session of the user',
    tags: ['auth'],
    security: signedIn,
    responses: {
      '204': { description: 'Every session revoked.', headers: { 'Set-Cookie': clearingCookies } },
      '401': unauthenticated,
      '403': csrf,
      '503': authenticatedDown,
    },
  },
};
