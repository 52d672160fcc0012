import { revokeSessions } from '../../account/revoke-sessions.js';
import {
  authenticatedDown,
  clearingCookies,
  csrf,
  signedIn,
  unauthenticated,
} from '../openapi/openapi-parts.js';
import type { SignedInRoute } from '../router/route.js';
import { signedOut } from './lib/route-responses.js';

/** `POST /auth/logout`: revoke the caller's session. */
export const logoutRoute: SignedInRoute = {
  method: 'POST',
  path: '/auth/logout',
  caller: 'signed-in',
  async handle(context, caller) {
    await revokeSessions(context.services.deps, [caller.auth.session.id], {
      userId: caller.auth.user.id,
      reason: 'logout',
      actorSessionId: caller.auth.session.id,
      origin: context.origin,
    });
    return signedOut(caller, context);
  },
  openapi: {
    operationId: 'logout',
    summary: 'Sign out: revoke the current session',
    tags: ['auth'],
    security: signedIn,
    responses: {
      '204': { description: 'Signed out.', headers: { 'Set-Cookie': clearingCookies } },
      '401': unauthenticated,
      '403': csrf,
      '503': authenticatedDown,
    },
  },
};
