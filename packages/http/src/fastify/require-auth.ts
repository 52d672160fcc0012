import type { preHandlerAsyncHookHandler } from 'fastify';
import { authorizeRequest, freshAuthRequirement, type AccessRequirement } from '../lib/authorize-request.js';
import { withRememberedCors } from '../lib/request-cors.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { sendAuthResponse } from './send-auth-response.js';

/**
 * A `preHandler` that lets only signed-in requests through; others get 401 `unauthenticated`
 * with `WWW-Authenticate`.
 *
 * @example
 * app.get('/api/profile', { preHandler: requireAuth() }, (request: AuthenticatedRequest) => request.auth?.user);
 */
export function requireAuth(): preHandlerAsyncHookHandler {
  return requireAccess(null);
}

/**
 * A `preHandler` that lets only signed-in users with `role` through: 401 `unauthenticated`
 * without a session, 403 `forbidden` without the role.
 *
 * @example
 * app.post('/api/admin', { preHandler: requireRole('admin') }, () => ({ ok: true }));
 */
export function requireRole(role: string): preHandlerAsyncHookHandler {
  if (typeof role !== 'string' || role === '') throw new TypeError('requireRole needs a role name');
  return requireAccess(role);
}

/**
 * A `preHandler` that lets through only sessions that authenticated within `maxAgeSeconds`
 * (DESIGN §9): others get 403 `reauthentication_required` (401 without a session).
 *
 * @example
 * app.post('/api/payout', { preHandler: requireFreshAuth(300) }, () => ({ ok: true }));
 */
export function requireFreshAuth(maxAgeSeconds: number, now?: () => Date): preHandlerAsyncHookHandler {
  return requireAccess(freshAuthRequirement(maxAgeSeconds, now));
}

/**
 * A `preHandler` that lets through only sessions that proved a second factor: others get 403
 * `second_factor_required` (401 without a session).
 *
 * @example
 * app.get('/api/secrets', { preHandler: requireMfa() }, () => ({ ok: true }));
 */
export function requireMfa(): preHandlerAsyncHookHandler {
  return requireAccess({ secondFactor: true });
}

function requireAccess(requirement: string | AccessRequirement | null): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const refusal = authorizeRequest((request as AuthenticatedRequest).auth, requirement);
    if (refusal !== null) {
      await sendAuthResponse(reply, withRememberedCors(request, request.headers.origin, refusal));
    }
  };
}
