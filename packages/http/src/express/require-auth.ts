import type { RequestHandler } from 'express';
import { authorizeRequest } from '../lib/authorize-request.js';
import { writeNodeResponse } from '../lib/write-node-response.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

/**
 * Lets only signed-in requests through; others get 401 `unauthenticated` with `WWW-Authenticate`.
 *
 * @example
 * app.get('/api/profile', requireAuth(), (req: AuthenticatedRequest, res) => res.json({ id: req.auth?.user.id }));
 */
export function requireAuth(): RequestHandler {
  return requireAccess(null);
}

/**
 * Lets only signed-in users with `role` through: 401 `unauthenticated` without a session,
 * 403 `forbidden` without the role.
 *
 * @example
 * app.post('/api/admin', requireRole('admin'), (req, res) => res.json({ ok: true }));
 */
export function requireRole(role: string): RequestHandler {
  if (typeof role !== 'string' || role === '') throw new TypeError('requireRole needs a role name');
  return requireAccess(role);
}

function requireAccess(role: string | null): RequestHandler {
  return (req, res, next) => {
    const refusal = authorizeRequest((req as AuthenticatedRequest).auth, role);
    if (refusal === null) next();
    else writeNodeResponse(res, refusal).catch(next);
  };
}
