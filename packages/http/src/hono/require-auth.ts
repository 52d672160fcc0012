import type { MiddlewareHandler } from 'hono';
import { authorizeRequest, freshAuthRequirement, type AccessRequirement } from '../lib/authorize-request.js';
import { withRememberedCors } from '../lib/request-cors.js';
import { toWebResponse } from '../lib/to-web-response.js';
import type { TesseraEnv } from './tessera-env.js';

/**
 * Lets only signed-in requests through; others get 401 `unauthenticated` with `WWW-Authenticate`.
 *
 * @example
 * app.get('/api/profile', requireAuth(), (c) => c.json({ id: c.get('auth')?.user.id }));
 */
export function requireAuth(): MiddlewareHandler<TesseraEnv> {
  return requireAccess(null);
}

/**
 * Lets only signed-in users with `role` through: 401 `unauthenticated` without a session,
 * 403 `forbidden` without the role.
 *
 * @example
 * app.post('/api/admin', requireRole('admin'), (c) => c.json({ ok: true }));
 */
export function requireRole(role: string): MiddlewareHandler<TesseraEnv> {
  if (typeof role !== 'string' || role === '') throw new TypeError('requireRole needs a role name');
  return requireAccess(role);
}

/**
 * Lets through only sessions that authenticated within `maxAgeSeconds` (DESIGN §9): others get
 * 403 `reauthentication_required` (401 without a session).
 *
 * @example
 * app.post('/api/payout', requireFreshAuth(300), (c) => c.json({ ok: true }));
 */
export function requireFreshAuth(maxAgeSeconds: number, now?: () => Date): MiddlewareHandler<TesseraEnv> {
  return requireAccess(freshAuthRequirement(maxAgeSeconds, now));
}

/**
 * Lets through only sessions that proved a second factor: others get 403 `second_factor_required`
 * (401 without a session).
 *
 * @example
 * app.get('/api/secrets', requireMfa(), (c) => c.json({ ok: true }));
 */
export function requireMfa(): MiddlewareHandler<TesseraEnv> {
  return requireAccess({ secondFactor: true });
}

function requireAccess(requirement: string | AccessRequirement | null): MiddlewareHandler<TesseraEnv> {
  return async (c, next) => {
    const refusal = authorizeRequest(c.get('auth'), requirement);
    if (refusal !== null)
      return toWebResponse(withRememberedCors(c.req.raw, c.req.header('origin'), refusal));
    await next();
    return undefined;
  };
}
