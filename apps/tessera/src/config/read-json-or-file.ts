import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

/**
 * A variable holding JSON (an object or an array) inline, or the path of a file holding it; `undefined`
 * when unset or blank. The value may hold private keys or client secrets: no message quotes it.
 *
 * @example
 * const parsed = readJsonOrFile(env['TESSERA_SIGNING_KEYS'], 'TESSERA_SIGNING_KEYS');
 */
export function readJsonOrFile(value: string | undefined, name: string): unknown {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  let text = trimmed;
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    if (!existsSync(trimmed))
      throw new ConfigError(`${name} is neither JSON nor the path of a readable file`);
    text = readFileSync(trimmed, 'utf8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The message of a JSON error can quote the input.
    throw new ConfigError(`${name} is not valid JSON`);
  }
}
