// The composer of the server's configuration: each section is read by its own file under config/, into
// core's own option shapes; this file only puts them together, in the order the variables are checked.
import type { ServerSettings } from './config/read-server-settings.js';
import { ConfigError } from './config/config-error.js';
import type { Environment } from './config/environment.js';
import { readCoreOptions, type CoreOptionsConfig } from './config/read-core-options.js';
import { readEmailOptions } from './config/read-email-options.js';
import { readHttpOptions, type ServerHttpConfig } from './config/read-http-options.js';
import { readInteger } from './config/read-integer.js';
import { readOAuthConfig, type ServerOAuthConfig } from './config/read-oauth-config.js';
import { readPublicOrigin } from './config/read-public-origin.js';
import { readServerSettings } from './config/read-server-settings.js';
import { readSmtpConfig, type ServerSmtpConfig } from './config/read-smtp-config.js';
import { readString } from './config/read-string.js';
import type { TesseraDepsOptions } from '@tessera/core';

export { ConfigError } from './config/config-error.js';
export type { Environment } from './config/environment.js';
export type { ServerHttpConfig } from './config/read-http-options.js';
export type { ServerOAuthConfig } from './config/read-oauth-config.js';
export type { ServerSmtpConfig } from './config/read-smtp-config.js';

/**
 * The `createTesseraDeps` options the environment sets. An unset variable leaves its option out and
 * core applies the default (packages/core/src/defaults.ts), so each default is written once.
 *
 * @example
 * const deps: ServerDepsConfig = loadConfig(process.env).deps;
 */
export type ServerDepsConfig = CoreOptionsConfig & Required<Pick<TesseraDepsOptions, 'email'>>;

/**
 * The server's configuration, read once from the environment (12-factor) and validated: the
 * server's own settings, and core's option shapes as they are, which `startServer` passes through.
 *
 * @example
 * const { port, host, deps, http } = loadConfig(process.env);
 */
export interface ServerConfig extends ServerSettings {
  port: number;
  host: string;
  /** `TESSERA_PUBLIC_URL` as an origin (no trailing slash); default `http://HOST:PORT`. */
  publicUrl: string;
  /** Sessions, throttling, tokens, signing keys, the revocation feed and mail: `createTesseraDeps`'s options. */
  deps: ServerDepsConfig;
  /** Cookie mode, CSRF origins, proxies, passkeys, CORS and the body limit: `createTesseraHttp`'s options. */
  http: ServerHttpConfig;
  /** How mail leaves the server (DESIGN §7). */
  smtp: ServerSmtpConfig;
  /** Sign-in with other providers (DESIGN §8). */
  oauth: ServerOAuthConfig;
}

/**
 * Reads and validates the configuration. Throws `ConfigError` naming the first bad variable; the
 * ranges are core's (`SETTING_RANGES`), checked here too so the message names the variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Environment): ServerConfig {
  const port = readInteger(env, 'PORT', 3000, { min: 0, max: 65_535 });
  const host = readString(env, 'HOST', '127.0.0.1');
  const defaultUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const publicOrigin = readPublicOrigin(env['TESSERA_PUBLIC_URL']);
    const publicUrl = publicOrigin ?? defaultUrl;
    const settings = readServerSettings(env);
    const core = readCoreOptions(env, defaultUrl);
    const email = readEmailOptions(env, publicUrl);
    const http = readHttpOptions(env, publicOrigin, publicUrl);
    const smtp = readSmtpConfig(env);
    const oauth = readOAuthConfig(env);
    return { port, host, ...settings, publicUrl, deps: { ...core, email }, http, smtp, oauth };
  } catch (error) {
    // Core's parsers throw TypeError naming the variable: the same kind of error, for the caller.
    if (error instanceof TypeError && !(error instanceof ConfigError)) throw new ConfigError(error.message);
    throw error;
  }
}
