import {
  ForbiddenError,
  ReauthenticationRequiredError,
  SecondFactorRequiredError,
  UnauthenticatedError,
  type AuthResponse,
} from '@tessera/core';
import { hasProvedSecondFactor, hasRole } from '@tessera/core/account';
import { problemResponse, withSecurityHeaders } from '@tessera/core/api';
import type { RequestAuth } from './request-auth.js';

/**
 * What a guard asks of a signed-in request besides being signed in.
 *
 * @example
 * const requirement: AccessRequirement = { freshAuthSeconds: 300 };
 */
export interface AccessRequirement {
  /** The user must hold this role (403 `forbidden`). */
  role?: string;
  /** The session must have authenticated within this many seconds (403 `reauthentication_required`). */
  freshAuthSeconds?: number;
  /** The session must have proved a second factor (403 `second_factor_required`). */
  secondFactor?: boolean;
  /** The time to judge freshness at; the system clock by default. */
  now?: () => Date;
}

/**
 * The answer a guard gives when a request may not go on, or `null` when it may: 401
 * `unauthenticated` (with `WWW-Authenticate`) without a session, 403 `forbidden` when `role` is
 * given and the user does not have it, 403 `reauthentication_required` or `second_factor_required`
 * for the recency and second-factor requirements (DESIGN §9). `undefined` means the adapter's
 * middleware never ran on this request: a wiring bug, thrown as `TypeError` rather than answered as a 401.
 *
 * @example
 * const refusal = authorizeRequest(req.auth, 'admin'); // null → next()
 */
export function authorizeRequest(
  auth: RequestAuth | null | undefined,
  requirement: string | AccessRequirement | null,
): AuthResponse | null {
  if (auth === undefined) {
    throw new TypeError(
      'Mount the Tessera middleware before requireAuth(), requireRole() and the other guards',
    );
  }
  if (auth === null) return withSecurityHeaders(problemResponse(new UnauthenticatedError()));
  const wanted: AccessRequirement =
    typeof requirement === 'string' ? { role: requirement } : (requirement ?? {});
  if (wanted.role !== undefined && !hasRole(auth.user, wanted.role))
    return withSecurityHeaders(problemResponse(new ForbiddenError()));
  if (wanted.secondFactor === true && !hasProvedSecondFactor(auth.session)) {
    return withSecurityHeaders(problemResponse(new SecondFactorRequiredError()));
  }
  if (wanted.freshAuthSeconds !== undefined) {
    const now = (wanted.now ?? (() => new Date()))();
    if (now.getTime() - auth.session.authenticatedAt.getTime() > wanted.freshAuthSeconds * 1000) {
      return withSecurityHeaders(problemResponse(new ReauthenticationRequiredError()));
    }
  }
  return null;
}

/**
 * Checks the argument of `requireFreshAuth(maxAgeSeconds)` when the guard is made (a bad one is a
 * wiring bug: `TypeError` at start-up).
 *
 * @example
 * const requirement = freshAuthRequirement(300);
 */
export function freshAuthRequirement(maxAgeSeconds: number, now?: () => Date): AccessRequirement {
  if (!Number.isSafeInteger(maxAgeSeconds) || maxAgeSeconds < 1) {
    throw new TypeError('requireFreshAuth needs a whole number of seconds, at least 1');
  }
  return now === undefined ? { freshAuthSeconds: maxAgeSeconds } : { freshAuthSeconds: maxAgeSeconds, now };
}
