import type { ServerResponse } from 'node:http';
import { authorizeRequest } from '../lib/authorize-request.js';
import type { RequestAuth } from '../lib/request-auth.js';
import { writeNodeResponse } from '../lib/write-node-response.js';

/**
 * The `node:http` guard: `true` when the request is signed in (and has `role`, when given);
 * otherwise writes the 401 `unauthenticated` or 403 `forbidden` problem and returns `false`.
 *
 * @example
 * if (!authorizeNodeRequest(res, outcome.auth, 'admin')) return;
 */
export function authorizeNodeRequest(
  response: ServerResponse,
  auth: RequestAuth | null,
  role: string | null = null,
): auth is RequestAuth {
  const refusal = authorizeRequest(auth, role);
  if (refusal === null) return true;
  void writeNodeResponse(response, refusal);
  return false;
}
