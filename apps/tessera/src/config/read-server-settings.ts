import { resolve } from 'node:path';
import { parseServerSecrets } from '@tessera/core';
import { ConfigError } from './config-error.js';
import type { Environment } from './environment.js';
import { readString } from './read-string.js';

/**
 * The server's own settings, which no core factory takes: where the data lives, which stores and
 * services it uses, and the secret.
 *
 * @example
 * const settings: ServerSettings = readServerSettings(process.env);
 */
export interface ServerSettings {
  dataDir: string;
  /** `TESSERA_SECRET` as given; `null` means "use (or create) the one in the data directory". */
  secret: string | null;
  /** `DATABASE_URL`: PostgreSQL for users, sessions, keys and audit; `null`: the embedded SQLite file. */
  databaseUrl: string | null;
  /** `REDIS_URL`: rate-limit counters and the revocation feed shared between instances. */
  redisUrl: string | null;
  /** `TESSERA_REDIS_PREFIX`: the first part of every Redis key (several deployments can share one Redis). */
  redisPrefix: string;
  /** `TESSERA_METRICS_TOKEN`: the bearer token `/metrics` requires; `null`: `/metrics` is open. */
  metricsToken: string | null;
}

/**
 * Reads `TESSERA_DATA_DIR`, `TESSERA_SECRET`, `DATABASE_URL`, `REDIS_URL`, `TESSERA_REDIS_PREFIX` and
 * `TESSERA_METRICS_TOKEN`, in that order; throws `ConfigError` naming the first bad one.
 *
 * @example
 * const { databaseUrl, redisUrl } = readServerSettings(process.env);
 */
export function readServerSettings(env: Environment): ServerSettings {
  return {
    dataDir: resolve(readString(env, 'TESSERA_DATA_DIR', '.tessera')),
    secret: readSecret(env['TESSERA_SECRET']),
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: readString(env, 'TESSERA_REDIS_PREFIX', 'tessera'),
    metricsToken: readMetricsToken(env['TESSERA_METRICS_TOKEN']),
  };
}

/** At least 32 characters a bearer token may hold (RFC 6750 §2.1); the value is never echoed. */
function readMetricsToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < 32 || !/^[A-Za-z0-9._~+/-]+=*$/.test(value)) {
    throw new ConfigError(
      'TESSERA_METRICS_TOKEN must be at least 32 characters of A-Z a-z 0-9 - . _ ~ + / (e.g. `openssl rand -base64 32`)',
    );
  }
  return value;
}

function readSecret(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  parseServerSecrets(value, 'TESSERA_SECRET');
  return value;
}

/** A URL with one of the given schemes, or `null` when unset. The value may hold a password: never echo it. */
function readUrl(env: Environment, name: string, protocols: readonly string[]): string | null {
  const value = env[name];
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}
