import type { AuthHandler, AuthRequest } from '@tessera/core';
import type { AppRequestAuthentication, CorsAware, RouteTable } from '@tessera/core/api';
import type { AuthCookies } from '@tessera/core/cookie';

/**
 * What every adapter needs from Tessera: the handler of Tessera's own routes, the authenticator of
 * the application's routes, and where Tessera's routes live. Built by `createTesseraHttp`.
 *
 * @example
 * const tessera: TesseraHttp = createTesseraHttp({ deps, cookieMode: 'session', trustedOrigins, trustProxy });
 */
export interface TesseraHttp {
  /**
   * Serves every route of the HTTP contract (DESIGN §3); never rejects. Its `cors` policy also
   * decides the CORS headers of the answers an adapter writes itself (a 413, a guard's 401).
   */
  handle: AuthHandler & RouteTable & CorsAware;
  /**
   * Authenticates a request to one of the application's own routes with the same rules as
   * Tessera's routes (three proofs, CSRF, sliding cookies). Never needs the body.
   */
  authenticate: (request: AuthRequest) => Promise<AppRequestAuthentication>;
  /** Largest request body Tessera's routes accept (DESIGN §3.1 default: 64 KiB). */
  bodyLimitBytes: number;
  /** Every path under it belongs to Tessera. */
  mountPath: '/auth';
  /**
   * Tessera's paths outside `mountPath`, from the handler's route list: the JWKS, the health probes,
   * the admin API. A `:name` segment stands for one path parameter (`/admin/users/:id`).
   */
  rootPaths: readonly string[];
  /** Tessera's cookie names and scope (`__Host-`, or `__Secure-` with `cookieDomain`). */
  authCookies: AuthCookies;
}
