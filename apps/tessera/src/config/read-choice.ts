import { ConfigError } from './config-error.js';
import type { Environment } from './environment.js';

/**
 * One of `choices`, or `undefined` when unset. The value is echoed cut short: it is not a secret.
 *
 * @example
 * readChoice(env, 'TESSERA_COOKIE_MODE', cookieModes); // 'jwt' | 'session' | undefined
 */
export function readChoice<T extends string>(
  env: Environment,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!choices.includes(value as T)) {
    const expected =
      choices.length === 2 ? `"${choices[0]}" or "${choices[1]}"` : `one of ${choices.join(', ')}`;
    throw new ConfigError(`${name} must be ${expected} (got "${value.slice(0, 40)}")`);
  }
  return value as T;
}
