import type { preHandlerAsyncHookHandler } from 'fastify';
import { authorizeRequest } from '../lib/authorize-request.js';
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

function requireAccess(role: string | null): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const refusal = authorizeRequest((request as AuthenticatedRequest).auth, role);
    if (refusal !== null) await sendAuthResponse(reply, refusal);
  };
}
