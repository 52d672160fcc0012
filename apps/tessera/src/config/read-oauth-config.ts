import { parseOAuthProviders, type OAuthServiceOptions } from '@tessera/core/oauth';
import { definedOnly } from './defined-only.js';
import type { Environment } from './environment.js';
import { readBoolean } from './read-boolean.js';
import { readJsonOrFile } from './read-json-or-file.js';
import { readSetting } from './read-setting.js';

/**
 * Sign-in with other providers (DESIGN §8): the options of core's `createOAuthService` that the
 * environment sets. No providers: no provider sign-in.
 *
 * @example
 * const oauth: ServerOAuthConfig = { providers: [], linkVerifiedEmail: false };
 */
export type ServerOAuthConfig = Required<Pick<OAuthServiceOptions, 'providers' | 'linkVerifiedEmail'>> &
  Pick<OAuthServiceOptions, 'timeoutSeconds'>;

/**
 * Reads `TESSERA_OAUTH_PROVIDERS` (a JSON array inline, or the path of a file holding one),
 * `TESSERA_OAUTH_LINK_VERIFIED_EMAIL` and `TESSERA_OAUTH_TIMEOUT` (unset: core's default).
 *
 * @example
 * const { providers } = readOAuthConfig(process.env);
 */
export function readOAuthConfig(env: Environment): ServerOAuthConfig {
  const name = 'TESSERA_OAUTH_PROVIDERS';
  const parsed = readJsonOrFile(env[name], name);
  return {
    providers: parsed === undefined ? [] : parseOAuthProviders(parsed, name),
    linkVerifiedEmail: readBoolean(env, 'TESSERA_OAUTH_LINK_VERIFIED_EMAIL'),
    ...definedOnly({ timeoutSeconds: readSetting(env, 'TESSERA_OAUTH_TIMEOUT', 'oauthTimeoutSeconds') }),
  };
}
