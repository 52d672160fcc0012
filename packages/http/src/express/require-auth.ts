import type { RequestHandler } from 'express';
import { authorizeRequest, freshAuthRequirement, type AccessRequirement } from '../lib/authorize-request.js';
import { withRememberedCors } from '../lib/request-cors.js';
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

/**
 * Lets through only sessions that authenticated within `maxAgeSeconds` (DESIGN §9): others get
 * 403 `reauthentication_required` (401 without a session). For the application's sensitive routes;
 * the client calls `POST /auth/reauthenticate` and retries.
 *
 * @example
 * app.post('/api/payout', requireFreshAuth(300), (req, res) => res.json({ ok: true }));
 */
export function requireFreshAuth(maxAgeSeconds: number, now?: () => Date): RequestHandler {
  return requireAccess(freshAuthRequirement(maxAgeSeconds, now));
}

/**
 * Lets through only sessions that proved a second factor (a TOTP code, a passkey): others get
 * 403 `second_factor_required` (401 without a session).
 *
 * @example
 * app.get('/api/secrets', requireMfa(), (req, res) => res.json({ ok: true }));
 */
export function requireMfa(): RequestHandler {
  return requireAccess({ secondFactor: true });
}

function requireAccess(requirement: string | AccessRequirement | null): RequestHandler {
  return (req, res, next) => {
    const refusal = authorizeRequest((req as AuthenticatedRequest).auth, requirement);
    if (refusal === null) next();
    else writeNodeResponse(res, withRememberedCors(req, req.headers.origin, refusal)).catch(next);
  };
}
