import {
  checkCookieMode,
  createAuthHandler,
  silentLogger,
  type CookieMode,
  type Logger,
  type TesseraDeps,
} from '@tessera/core';
import { createRequestAuthenticator, type RevocationStreamLimits, type Route } from '@tessera/core/api';
import type { TrustProxy } from '@tessera/core/client-ip';
import type { OAuthService } from '@tessera/core/oauth';
import {
  checkSetting,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_COOKIE_DOMAIN,
  DEFAULT_CORS_ORIGINS,
} from '@tessera/core/config';
import { checkCookieDomain, createAuthCookies } from '@tessera/core/cookie';
import { relyingPartyOf, type RelyingParty } from '@tessera/core/passkey';
import type { TesseraHttp } from './tessera-http.js';

/**
 * Options of `createTesseraHttp`: the same choices the auth server reads from its environment.
 *
 * @example
 * const options: TesseraHttpOptions = {
 *   deps,
 *   cookieMode: 'jwt',
 *   trustedOrigins: new Set(['https://admin.example.com']),
 *   publicOrigin: 'https://app.example.com',
 *   trustProxy: { kind: 'hops', hops: 1 },
 * };
 * app.use(tesseraExpress(createTesseraHttp(options)));
 */
export interface TesseraHttpOptions {
  /** The wired engine (`createTesseraDeps`). */
  deps: TesseraDeps;
  /** `TESSERA_COOKIE_MODE`: browsers get a session cookie, or an access JWT + refresh token in cookies. */
  cookieMode: CookieMode;
  /** Origins allowed to make cookie-authenticated unsafe requests (`TESSERA_TRUSTED_ORIGINS`). */
  trustedOrigins: ReadonlySet<string>;
  /**
   * Front ends on other origins that call Tessera's routes with credentials (`TESSERA_CORS_ORIGINS`,
   * DESIGN §10): each an exact origin such as `https://app.example.com`; trusted for CSRF too.
   * Default: none (no `Access-Control-Allow-Origin` for anyone).
   */
  corsOrigins?: ReadonlySet<string>;
  /**
   * `TESSERA_COOKIE_DOMAIN` (DESIGN §10): a parent domain such as `example.com` whose subdomains all
   * share the sign-in; the cookies then get `__Secure-` names and this `Domain`. Default `null`:
   * host-only `__Host-` cookies. Any sibling subdomain can then set cookies too (docs/cross-origin.md).
   */
  cookieDomain?: string | null;
  /**
   * Where users reach the app (`TESSERA_PUBLIC_URL`'s origin, e.g. `https://app.example.com`): then it
   * is exactly the own origin in the CSRF check, scheme included. Unset, an `Origin` whose host and
   * port equal the request's `Host` counts as the app's own (development; DESIGN §3.1).
   */
  publicOrigin?: string | null;
  /** How the client IP is found behind proxies (`TESSERA_TRUST_PROXY`). */
  trustProxy: TrustProxy;
  /** Largest request body Tessera's routes accept; default 65,536 (DESIGN §3.1). */
  bodyLimitBytes?: number;
  /** Infrastructure faults are logged here; default: nothing is logged. */
  logger?: Logger;
  /** Bounds of `/auth/revocations` (defaults: 1,000 subscribers, 1,000 pending events each). */
  revocationStreams?: RevocationStreamLimits;
  /**
   * More routes on the same router (the auth server adds `/metrics` and `/openapi.json`): they get
   * the same HEAD, 405, security headers, CSRF and problem answers, and the adapters serve them too.
   */
  extraRoutes?: readonly Route[];
  /** Sign-in with other providers (`createOAuthService`, DESIGN §8); unset: none. */
  oauth?: OAuthService | null;
  /**
   * The origin passkeys are bound to (the auth server passes `TESSERA_PUBLIC_URL`'s origin, default
   * `http://HOST:PORT`): its host is the WebAuthn RP ID. Unset, or an IP-address host: passkeys are off
   * and their routes answer 404 `passkeys_disabled` (WebAuthn needs a domain name such as `localhost`).
   */
  passkeyOrigin?: string | null;
}

const MOUNT_PATH = '/auth';

/**
 * Builds what the adapters mount, from core only: the auth handler and the request authenticator.
 * A bad option throws `TypeError` here, at start-up.
 *
 * @example
 * const tessera = createTesseraHttp({ deps, cookieMode: 'session', trustedOrigins: new Set(), trustProxy: { kind: 'none' } });
 * app.use(tesseraExpress(tessera));
 */
export function createTesseraHttp(options: TesseraHttpOptions): TesseraHttp {
  const { deps, trustedOrigins, trustProxy } = options;
  // Checked at run time too: JavaScript callers and environment parsers pass plain strings.
  const cookieMode = checkCookieMode(options.cookieMode);
  const bodyLimitBytes = checkSetting('bodyLimitBytes', options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  const publicOrigin = options.publicOrigin ?? null;
  if (publicOrigin !== null && !isOrigin(publicOrigin)) {
    throw new TypeError('publicOrigin must be an origin such as "https://app.example.com" (no path)');
  }
  const logger = options.logger ?? silentLogger;
  const corsOrigins = options.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  const cookieDomain = options.cookieDomain ?? DEFAULT_COOKIE_DOMAIN;
  if (cookieDomain !== null) checkCookieDomain(cookieDomain, 'cookieDomain');
  const authCookies = createAuthCookies(cookieDomain);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin)) {
      throw new TypeError(
        'corsOrigins must hold origins such as "https://app.example.com" (no path, no "*")',
      );
    }
  }
  const handle = createAuthHandler({
    deps,
    cookieMode,
    trustedOrigins,
    corsOrigins,
    cookieDomain,
    publicOrigin,
    trustProxy,
    logger,
    ...(options.revocationStreams === undefined ? {} : { revocationStreams: options.revocationStreams }),
    ...(options.extraRoutes === undefined ? {} : { extraRoutes: options.extraRoutes }),
    oauth: options.oauth ?? null,
    relyingParty: readRelyingParty(options.passkeyOrigin ?? null, logger),
  });
  // The application's own routes take unsafe requests from the CORS origins too (DESIGN §10).
  const authenticate = createRequestAuthenticator({
    deps,
    trustedOrigins: corsOrigins.size === 0 ? trustedOrigins : new Set([...trustedOrigins, ...corsOrigins]),
    publicOrigin,
    logger,
    authCookies,
    cors: handle.cors,
  });

  // The handler's own route list says which paths are Tessera's: a route added to core (the admin
  // API) reaches every adapter without a second list to keep in step (issue 11).
  const rootPaths = Object.freeze([
    ...new Set(
      handle.routes
        .map((route) => route.path)
        .filter((path) => path !== MOUNT_PATH && !path.startsWith(`${MOUNT_PATH}/`)),
    ),
  ]);
  return { handle, authenticate, bodyLimitBytes, mountPath: MOUNT_PATH, rootPaths, authCookies };
}

/** Whether `value` is exactly an http(s) origin as browsers send it in `Origin`. */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}

/**
 * The relying party of `passkeyOrigin`, or `null` (passkeys off); a malformed origin is a `TypeError`.
 * An origin whose host is an IP address turns passkeys off, said once at start-up.
 */
function readRelyingParty(passkeyOrigin: string | null, logger: Logger): RelyingParty | null {
  if (passkeyOrigin === null) return null;
  if (!isOrigin(passkeyOrigin)) {
    throw new TypeError('passkeyOrigin must be an origin such as "https://auth.example.com" (no path)');
  }
  const relyingParty = relyingPartyOf(passkeyOrigin);
  if (relyingParty === null) {
    logger.info(
      'passkeys are off: their origin (TESSERA_PUBLIC_URL on the auth server) must name a domain (such as localhost), not an IP address',
      { passkeyOrigin },
    );
  }
  return relyingParty;
}
