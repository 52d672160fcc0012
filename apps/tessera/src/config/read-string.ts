import { ConfigError } from './config-error.js';
import type { Environment } from './environment.js';

/**
 * The variable as given, or `fallback` when unset; leading or trailing spaces are refused.
 *
 * @example
 * readString(env, 'HOST', '127.0.0.1');
 */
export function readString(env: Environment, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value.trim() !== value) throw new ConfigError(`${name} must not start or end with spaces`);
  return value;
}
