import type { AuthResponse } from '@tessera/core';
import type { CorsPolicy } from '@tessera/core/api';

/**
 * The CORS policy of the Tessera whose middleware authenticated a request to an application route,
 * by the framework's request object: the guards (`requireAuth()` and the others) take no Tessera, yet
 * their 401/403 must carry the same CORS headers as Tessera's other answers (DESIGN §10; decision
 * 0070). Nothing is kept without configured origins: the policy would add nothing.
 */
const policies = new WeakMap<object, CorsPolicy>();

/**
 * Records, for a guard further down the chain, the CORS policy of the request's answers.
 *
 * @example
 * rememberCorsPolicy(req, tessera.handle.cors);
 */
export function rememberCorsPolicy(request: object, policy: CorsPolicy): void {
  if (policy.enabled) policies.set(request, policy);
}

/**
 * `response` with the CORS headers of the policy `rememberCorsPolicy` recorded for `request`
 * (unchanged when none was), for a request whose `Origin` header is `origin`.
 *
 * @example
 * await writeNodeResponse(res, withRememberedCors(req, req.headers.origin, refusal));
 */
export function withRememberedCors(
  request: object,
  origin: string | null | undefined,
  response: AuthResponse,
): AuthResponse {
  return policies.get(request)?.decorate(origin, response) ?? response;
}
