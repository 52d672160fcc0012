import { parseTrustProxy } from '@tessera/core/client-ip';
import { cookieModes } from '@tessera/core/config';
import { checkCookieDomain, isHostInCookieDomain } from '@tessera/core/cookie';
import { parseTrustedOrigins } from '@tessera/core/csrf';
import type { TesseraHttpOptions } from '@tessera/http/node';
import { ConfigError } from './config-error.js';
import { definedOnly } from './defined-only.js';
import type { Environment } from './environment.js';
import { readChoice } from './read-choice.js';

/**
 * The `createTesseraHttp` options the environment sets: cookie mode, CSRF origins, proxies, the
 * passkey origin (DESIGN §9), and cross-origin front ends and the cookie domain (DESIGN §10). Unset
 * variables are left out for the factory's defaults.
 *
 * @example
 * const http: ServerHttpConfig = readHttpOptions(process.env, null, 'http://127.0.0.1:3000');
 */
export type ServerHttpConfig = Pick<
  TesseraHttpOptions,
  | 'cookieMode'
  | 'trustedOrigins'
  | 'publicOrigin'
  | 'trustProxy'
  | 'bodyLimitBytes'
  | 'passkeyOrigin'
  | 'corsOrigins'
  | 'cookieDomain'
>;

/**
 * Reads `TESSERA_COOKIE_MODE`, `TESSERA_TRUSTED_ORIGINS`, `TESSERA_TRUST_PROXY`, `TESSERA_CORS_ORIGINS`
 * and `TESSERA_COOKIE_DOMAIN`. `publicOrigin` is `TESSERA_PUBLIC_URL` as an origin (`null` when unset),
 * `publicUrl` the URL users reach (that origin, or the server's default URL).
 *
 * @example
 * const http = readHttpOptions(process.env, 'https://auth.example.com', 'https://auth.example.com');
 */
export function readHttpOptions(
  env: Environment,
  publicOrigin: string | null,
  publicUrl: string,
): ServerHttpConfig {
  return {
    cookieMode: readChoice(env, 'TESSERA_COOKIE_MODE', cookieModes) ?? 'session',
    trustedOrigins: parseTrustedOrigins(env['TESSERA_TRUSTED_ORIGINS'], 'TESSERA_TRUSTED_ORIGINS'),
    // Only when TESSERA_PUBLIC_URL is set: then the only origin the CSRF check takes as the server's own.
    publicOrigin,
    trustProxy: parseTrustProxy(env['TESSERA_TRUST_PROXY'], 'TESSERA_TRUST_PROXY'),
    // Passkeys are bound to the public URL, set or not (its host must be a domain name: DESIGN §9).
    passkeyOrigin: publicUrl,
    // Front ends on other origins (DESIGN §10): validated like TESSERA_TRUSTED_ORIGINS.
    corsOrigins: parseTrustedOrigins(env['TESSERA_CORS_ORIGINS'], 'TESSERA_CORS_ORIGINS'),
    // Cookies shared by the subdomains of one site (DESIGN §10; decision 0055).
    ...definedOnly({ cookieDomain: readCookieDomain(env['TESSERA_COOKIE_DOMAIN'], publicOrigin) }),
  };
}

/**
 * `TESSERA_COOKIE_DOMAIN`: a parent domain (core's `checkCookieDomain`), which must cover the host of
 * `TESSERA_PUBLIC_URL` when that is set: browsers drop a cookie whose `Domain` does not.
 */
function readCookieDomain(value: string | undefined, publicOrigin: string | null): string | undefined {
  if (value === undefined || value === '') return undefined;
  const domain = checkCookieDomain(value, 'TESSERA_COOKIE_DOMAIN');
  if (publicOrigin !== null && !isHostInCookieDomain(new URL(publicOrigin).hostname, domain)) {
    throw new ConfigError(
      `TESSERA_COOKIE_DOMAIN ("${domain}") must be the host of TESSERA_PUBLIC_URL or one of its parent domains`,
    );
  }
  return domain;
}
