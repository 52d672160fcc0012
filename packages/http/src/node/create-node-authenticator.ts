import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { toRequestAuth, type RequestAuth } from '../lib/request-auth.js';
import { rememberCorsPolicy } from '../lib/request-cors.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import { writeNodeResponse } from '../lib/write-node-response.js';

/**
 * The outcome for one of the application's requests: go on with `auth` (`null`: anonymous), or
 * stop because the refusal (401, or 403 for a cross-site request) has already been written.
 *
 * @example
 * const outcome: NodeAuthentication = await authenticate(req, res);
 * if (outcome.answered) return; // the 401 or 403 is already written
 * res.end(JSON.stringify({ email: outcome.auth?.user.email ?? null }));
 */
export type NodeAuthentication = { answered: false; auth: RequestAuth | null } | { answered: true };

/**
 * Authenticates requests to the application's own `node:http` routes with Tessera's rules. A
 * sliding session's `Set-Cookie` is appended to the response before the application writes it.
 *
 * @example
 * const authenticate = createNodeAuthenticator(tessera);
 * const outcome = await authenticate(req, res); // outcome.answered → return
 */
export function createNodeAuthenticator(
  tessera: TesseraHttp,
): (request: IncomingMessage, response: ServerResponse) => Promise<NodeAuthentication> {
  return async (request, response) => {
    const result = await tessera.authenticate(
      createAuthRequest({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        peerAddress: request.socket.remoteAddress,
      }),
    );
    if (result.kind === 'refused') {
      await writeNodeResponse(response, result.response);
      return { answered: true };
    }
    // Keyed by the request: `authorizeNodeRequest` finds it as `response.req`.
    rememberCorsPolicy(request, tessera.handle.cors);
    if (result.kind === 'anonymous') return { answered: false, auth: null };
    for (const [name, value] of result.headers) response.appendHeader(name, value);
    return { answered: false, auth: toRequestAuth(result) };
  };
}
