import { SETTING_RANGES, type SettingName } from '@tessera/core/config';
import type { Environment } from './environment.js';
import { readInteger } from './read-integer.js';

/**
 * A whole-number setting of core, in core's range (`SETTING_RANGES`, checked here too so the message
 * names the variable), or `undefined` when unset: core then applies its default.
 *
 * @example
 * readSetting(env, 'TESSERA_IDLE_TTL', 'idleTimeoutSeconds'); // number | undefined
 */
export function readSetting(env: Environment, name: string, setting: SettingName): number | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : readInteger(env, name, 0, SETTING_RANGES[setting]);
}
