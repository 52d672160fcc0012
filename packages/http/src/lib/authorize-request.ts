import { ForbiddenError, UnauthenticatedError, type AuthResponse } from '@tessera/core';
import { hasRole } from '@tessera/core/account';
import { problemResponse, withSecurityHeaders } from '@tessera/core/api';
import type { RequestAuth } from './request-auth.js';

/**
 * The answer a guard gives when a request may not go on, or `null` when it may: 401
 * `unauthenticated` (with `WWW-Authenticate`) without a session, 403 `forbidden` when `role` is
 * given and the user does not have it. `undefined` means the adapter's middleware never ran on this
 * request: a wiring bug, thrown as `TypeError` rather than answered as a 401.
 *
 * @example
 * const refusal = authorizeRequest(req.auth, 'admin'); // null → next()
 */
export function authorizeRequest(
  auth: RequestAuth | null | undefined,
  role: string | null,
): AuthResponse | null {
  if (auth === undefined) {
    throw new TypeError('Mount the Tessera middleware before requireAuth() and requireRole()');
  }
  if (auth === null) return withSecurityHeaders(problemResponse(new UnauthenticatedError()));
  if (role !== null && !hasRole(auth.user, role))
    return withSecurityHeaders(problemResponse(new ForbiddenError()));
  return null;
}
