import { ConfigError } from './config-error.js';
import type { Environment } from './environment.js';

/**
 * `true` or `false` (also `1`/`0`); unset: false.
 *
 * @example
 * readBoolean(env, 'TESSERA_OAUTH_LINK_VERIFIED_EMAIL'); // false
 */
export function readBoolean(env: Environment, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be "true" or "false" (got "${value.slice(0, 40)}")`);
}
