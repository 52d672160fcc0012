import { resolve } from 'node:path';
import {
  parseTrustedOrigins,
  parseTrustProxy,
  type SessionLimitPolicy,
  type TrustProxy,
} from '@tessera/core';

/** The server's configuration, read once from the environment (12-factor) and validated. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  maxSessionsPerUser: number | null;
  sessionLimitPolicy: SessionLimitPolicy;
  loginMaxFailures: number;
  loginMaxFailuresPerIp: number;
  trustedOrigins: ReadonlySet<string>;
  trustProxy: TrustProxy;
  bodyLimitBytes: number;
}

/** Environment variables read by the server, as a plain record (`process.env` fits). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A configuration error: names the variable and says what it must be. */
export class ConfigError extends TypeError {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration. Throws `ConfigError` naming the first bad variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Environment): ServerConfig {
  const idleTimeoutSeconds = readInteger(env, 'TESSERA_IDLE_TTL', 7200, 1);
  const absoluteTimeoutSeconds = readInteger(env, 'TESSERA_ABSOLUTE_TTL', 2_592_000, 1);
  if (idleTimeoutSeconds < 10) {
    throw new ConfigError('TESSERA_IDLE_TTL must be at least 10 seconds');
  }
  const policy = env['TESSERA_SESSION_LIMIT_POLICY'] ?? 'evict-oldest';
  if (policy !== 'evict-oldest' && policy !== 'refuse') {
    throw new ConfigError(
      `TESSERA_SESSION_LIMIT_POLICY must be "evict-oldest" or "refuse" (got "${policy}")`,
    );
  }
  const cookieMode = env['TESSERA_COOKIE_MODE'] ?? 'session';
  if (cookieMode !== 'session') {
    throw new ConfigError(`TESSERA_COOKIE_MODE must be "session" in this version (got "${cookieMode}")`);
  }
  try {
    return {
      port: readInteger(env, 'PORT', 3000, 0, 65_535),
      host: readString(env, 'HOST', '127.0.0.1'),
      dataDir: resolve(readString(env, 'TESSERA_DATA_DIR', '.tessera')),
      idleTimeoutSeconds,
      absoluteTimeoutSeconds,
      maxSessionsPerUser: env['TESSERA_MAX_SESSIONS_PER_USER']
        ? readInteger(env, 'TESSERA_MAX_SESSIONS_PER_USER', 0, 1)
        : null,
      sessionLimitPolicy: policy,
      loginMaxFailures: readInteger(env, 'TESSERA_LOGIN_MAX_FAILURES', 5, 1),
      loginMaxFailuresPerIp: readInteger(env, 'TESSERA_LOGIN_MAX_FAILURES_PER_IP', 100, 1),
      trustedOrigins: parseTrustedOrigins(env['TESSERA_TRUSTED_ORIGINS'], 'TESSERA_TRUSTED_ORIGINS'),
      trustProxy: parseTrustProxy(env['TESSERA_TRUST_PROXY'], 'TESSERA_TRUST_PROXY'),
      bodyLimitBytes: 64 * 1024,
    };
  } catch (error) {
    if (error instanceof TypeError && !(error instanceof ConfigError)) throw new ConfigError(error.message);
    throw error;
  }
}

function readString(env: Environment, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value.trim() !== value) throw new ConfigError(`${name} must not start or end with spaces`);
  return value;
}

function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value))
    throw new ConfigError(`${name} must be a whole number (got "${value.slice(0, 40)}")`);
  const parsed = Number(value);
  if (parsed < min || parsed > max)
    throw new ConfigError(`${name} must be between ${min} and ${max} (got ${value})`);
  return parsed;
}
