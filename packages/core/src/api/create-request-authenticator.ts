import type { Authenticated } from '../account/authenticate-session-token.js';
import type { TesseraDeps } from '../account/tessera-deps.js';
import { parseCookieHeader } from '../cookie/parse-cookie-header.js';
import { silentLogger, type Logger } from '../logger.js';
import { hostOnlyAuthCookies, type AuthCookies } from './auth-cookies.js';
import type { AuthRequest, AuthResponse } from './auth-request.js';
import { authenticateRequest, authenticateRequestFromCache, type ProofKind } from './authenticate-request.js';
import { isCodedError, problemByErrorCode, problemResponse } from './problem.js';
import { withSecurityHeaders } from './security-headers.js';
import { assertNotCrossSite, slidingCookies, unauthenticatedResponse } from './request-guards.js';
import type { CorsPolicy } from './router/create-cors-policy.js';

/**
 * The outcome of authenticating one of the application's own requests.
 *
 * @example
 * const result: AppRequestAuthentication = await authenticate(request);
 * if (result.kind === 'refused') return result.response;
 * const userId = result.kind === 'authenticated' ? result.auth.user.id : null;
 */
export type AppRequestAuthentication =
  | {
      kind: 'authenticated';
      auth: Authenticated;
      proof: ProofKind;
      /** Headers to add to the application's response (`Set-Cookie` of a sliding session). */
      headers: [string, string][];
    }
  | { kind: 'anonymous' }
  /** Answer with `response` and stop: a refused credential (401) or a cross-site request (403). */
  | { kind: 'refused'; response: AuthResponse };

/**
 * Authenticates requests to the application's own routes, with the same rules as the auth routes:
 * any of the three proofs, CSRF on unsafe cookie-authenticated requests, sliding session cookies.
 * Refusals come as complete problem responses with the security headers, and with `cors`'s headers
 * for the request's `Origin` (pass the handler's, `handle.cors`, so a front end on a listed origin
 * reads an app route's 401 as it reads Tessera's own); adapters call it and translate the result;
 * they hold no auth policy.
 *
 * @example
 * const authenticate = createRequestAuthenticator({ deps, trustedOrigins });
 * const result = await authenticate(requestView);
 */
export function createRequestAuthenticator(options: {
  deps: TesseraDeps;
  trustedOrigins: ReadonlySet<string>;
  /** The origin of `TESSERA_PUBLIC_URL` when set (see `AuthHandlerOptions.publicOrigin`). */
  publicOrigin?: string | null;
  logger?: Logger;
  /** Tessera's cookies as the handler names them (default: the host-only `__Host-` ones). */
  authCookies?: AuthCookies;
  /** The CORS headers of refusals (DESIGN §10); default: none. */
  cors?: CorsPolicy;
}): (request: AuthRequest) => Promise<AppRequestAuthentication> {
  const { deps, trustedOrigins } = options;
  const authCookies = options.authCookies ?? hostOnlyAuthCookies;
  const publicOrigin = options.publicOrigin ?? null;
  const logger = options.logger ?? silentLogger;
  const { cors } = options;
  const refuse = (request: AuthRequest, response: AuthResponse): AppRequestAuthentication => ({
    kind: 'refused',
    response: cors === undefined ? response : cors.decorate(request.headers['origin'], response),
  });
  return async (request) => {
    const cookies = parseCookieHeader(request.headers['cookie']);
    const now = deps.clock.now();
    try {
      assertNotCrossSite(request, cookies, trustedOrigins, false, publicOrigin, authCookies);
      // A signed-in user's request is usually answered from memory, with no promise to wait for.
      const result =
        authenticateRequestFromCache(deps, request, cookies, authCookies, now) ??
        (await authenticateRequest(deps, request, cookies, authCookies));
      if (result.kind === 'anonymous') return { kind: 'anonymous' };
      if (result.kind === 'refused')
        return refuse(request, unauthenticatedResponse(result, now, authCookies));
      const headers = slidingCookies(result.auth, result.proof, cookies, now, authCookies).map(
        (cookie): [string, string] => ['set-cookie', cookie],
      );
      return { kind: 'authenticated', auth: result.auth, proof: result.proof, headers };
    } catch (error) {
      // A rejection (CSRF) or an infrastructure fault (store, key set, revocation feed: 503, never
      // a silent logout) is answered like on the auth routes.
      if (!isCodedError(error)) throw error;
      if (problemByErrorCode[error.code].status >= 500) {
        deps.observer.storeFailed('application-request');
        logger.error('infrastructure unavailable', { code: error.code, path: request.path.slice(0, 200) });
      }
      return refuse(request, withSecurityHeaders(problemResponse(error)));
    }
  };
}
