import type { MiddlewareHandler } from 'hono';
import { authorizeRequest } from '../lib/authorize-request.js';
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

function requireAccess(role: string | null): MiddlewareHandler<TesseraEnv> {
  return async (c, next) => {
    const refusal = authorizeRequest(c.get('auth'), role);
    if (refusal !== null) return toWebResponse(refusal);
    await next();
    return undefined;
  };
}
