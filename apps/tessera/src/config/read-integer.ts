import { ConfigError } from './config-error.js';
import type { Environment } from './environment.js';

/**
 * A whole number in `range`, or `fallback` when unset.
 *
 * @example
 * readInteger(env, 'PORT', 3000, { min: 0, max: 65_535 });
 */
export function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value))
    throw new ConfigError(`${name} must be a whole number (got "${value.slice(0, 40)}")`);
  const parsed = Number(value);
  if (parsed < range.min || parsed > range.max) {
    const expected =
      range.max === Number.MAX_SAFE_INTEGER
        ? `at least ${range.min}`
        : `between ${range.min} and ${range.max}`;
    throw new ConfigError(`${name} must be ${expected} (got ${value})`);
  }
  return parsed;
}
