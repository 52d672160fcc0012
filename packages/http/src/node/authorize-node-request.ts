import type { ServerResponse } from 'node:http';
import { authorizeRequest, freshAuthRequirement, type AccessRequirement } from '../lib/authorize-request.js';
import type { RequestAuth } from '../lib/request-auth.js';
import { withRememberedCors } from '../lib/request-cors.js';
import { writeNodeResponse } from '../lib/write-node-response.js';

/**
 * The `node:http` guard: `true` when the request is signed in (and has the role, or meets the
 * requirement, when given); otherwise writes the 401 `unauthenticated` or 403 (`forbidden`,
 * `reauthentication_required`, `second_factor_required`) problem and returns `false`.
 *
 * @example
 * if (!authorizeNodeRequest(res, outcome.auth, 'admin')) return;
 * if (!authorizeNodeRequest(res, outcome.auth, requireFreshAuth(300))) return;
 */
export function authorizeNodeRequest(
  response: ServerResponse,
  auth: RequestAuth | null,
  requirement: string | AccessRequirement | null = null,
): auth is RequestAuth {
  const refusal = authorizeRequest(auth, requirement);
  if (refusal === null) return true;
  const { req } = response;
  void writeNodeResponse(response, withRememberedCors(req, req.headers.origin, refusal));
  return false;
}

/**
 * The `node:http` form of the recent-authentication requirement, for `authorizeNodeRequest`.
 *
 * @example
 * if (!authorizeNodeRequest(res, outcome.auth, requireFreshAuth(300))) return;
 */
export function requireFreshAuth(maxAgeSeconds: number, now?: () => Date): AccessRequirement {
  return freshAuthRequirement(maxAgeSeconds, now);
}

/**
 * The `node:http` form of the second-factor requirement, for `authorizeNodeRequest`.
 *
 * @example
 * if (!authorizeNodeRequest(res, outcome.auth, requireMfa())) return;
 */
export function requireMfa(): AccessRequirement {
  return { secondFactor: true };
}
