import type { TesseraDeps } from '../account/tessera-deps.js';
import type { TrustProxy } from '../client-ip/trust-proxy.js';
import type { Logger } from '../logger.js';
import { checkCookieDomain } from '../cookie/check-cookie-domain.js';
import { checkSetting, DEFAULT_COOKIE_DOMAIN, DEFAULT_CORS_MAX_AGE_SECONDS } from '../defaults.js';
import { createAuthCookies } from './auth-cookies.js';
import { checkCookieMode, type CookieMode } from '../cookie/cookie-mode.js';
import { createRevocationStreams, type RevocationStreamLimits } from './revocation-stream.js';
import { createRouter } from './router/create-router.js';
import type { CorsAware } from './router/create-cors-policy.js';
import type { AuthHandler, Route, RouteTable } from './router/route.js';
import { apiRoutes } from './routes/api-routes.js';
import type { OAuthService } from '../oauth/create-oauth-service.js';
import type { RelyingParty } from '../passkey/relying-party.js';

/**
 * What the HTTP API needs besides the engine's dependencies.
 *
 * @example
 * const options: AuthHandlerOptions = {
 *   deps,
 *   cookieMode: 'session',
 *   trustedOrigins: parseTrustedOrigins(env['TESSERA_TRUSTED_ORIGINS'], 'TESSERA_TRUSTED_ORIGINS'),
 *   trustProxy: { kind: 'hops', hops: 1 },
 *   logger: silentLogger,
 * };
 * const handle = createAuthHandler(options);
 */
export interface AuthHandlerOptions {
  deps: TesseraDeps;
  /** `TESSERA_COOKIE_MODE`: browsers get a session cookie, or an access JWT + refresh token in cookies. */
  cookieMode: CookieMode;
  /** Origins allowed to make cookie-authenticated unsafe requests (`TESSERA_TRUSTED_ORIGINS`). */
  trustedOrigins: ReadonlySet<string>;
  /**
   * Origins whose pages may call the API with credentials (`TESSERA_CORS_ORIGINS`, DESIGN §10): they
   * get `Access-Control-Allow-Origin` and are trusted for CSRF too. Default: none.
   */
  corsOrigins?: ReadonlySet<string>;
  /** How long browsers may cache a preflight answer; default 600. */
  corsMaxAgeSeconds?: number;
  /**
   * `TESSERA_COOKIE_DOMAIN` (DESIGN §10): cookies shared by every subdomain of it, with `__Secure-`
   * names and this `Domain`. Default `null`: host-only `__Host-` cookies (docs/decisions/0055).
   */
  cookieDomain?: string | null;
  /**
   * The origin of `TESSERA_PUBLIC_URL` when it is set: then it is exactly the server's own origin in
   * the CSRF check, scheme included. Unset (`null`, development), an `Origin` matching `Host` counts.
   */
  publicOrigin?: string | null;
  trustProxy: TrustProxy;
  logger: Logger;
  /** Bounds of `/auth/revocations` in this process (defaults: 1,000 subscribers, 1,000 pending events each). */
  revocationStreams?: RevocationStreamLimits;
  /**
   * Routes served next to the API, on the same router and with the same conventions (the server's
   * `/metrics` and `/openapi.json`). A (method, path) the API already serves is a `TypeError`.
   */
  extraRoutes?: readonly Route[];
  /** Sign-in with other providers (`createOAuthService`); unset: none configured. */
  oauth?: OAuthService | null;
  /** The WebAuthn relying party passkeys are bound to (`relyingPartyOf`); absent or `null`: passkeys are off. */
  relyingParty?: RelyingParty | null;
}

/**
 * Builds the request handler of the auth API: the routes of `routes/` (and `extraRoutes`) on the
 * one router, which owns matching, CSRF, the caller rules, problem+json errors and the security
 * headers, over the framework-agnostic request view. Adapters only translate, and ask `routes`
 * which paths are Tessera's.
 *
 * @example
 * const handle = createAuthHandler({ deps, cookieMode: 'session', trustedOrigins, trustProxy, logger });
 * const response = await handle({ method: 'GET', path: '/auth/me', headers, body: new Uint8Array(), peerAddress, signal });
 */
export function createAuthHandler(options: AuthHandlerOptions): AuthHandler & RouteTable & CorsAware {
  const { deps, cookieMode } = options;
  checkCookieMode(cookieMode);
  const cookieDomain = options.cookieDomain ?? DEFAULT_COOKIE_DOMAIN;
  if (cookieDomain !== null) checkCookieDomain(cookieDomain, 'cookieDomain');
  const revocationStreams = createRevocationStreams(
    deps.revocationFeed,
    deps.clock,
    options.revocationStreams,
  );
  return createRouter({
    routes: [...apiRoutes, ...(options.extraRoutes ?? [])],
    services: {
      deps,
      cookieMode,
      revocationStreams,
      oauth: options.oauth ?? null,
      relyingParty: options.relyingParty ?? null,
      authCookies: createAuthCookies(cookieDomain),
    },
    trustedOrigins: options.trustedOrigins,
    ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
    corsMaxAgeSeconds: checkSetting(
      'corsMaxAgeSeconds',
      options.corsMaxAgeSeconds ?? DEFAULT_CORS_MAX_AGE_SECONDS,
    ),
    publicOrigin: options.publicOrigin ?? null,
    trustProxy: options.trustProxy,
    logger: options.logger,
  });
}
