import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseServerSecrets, type CookieMode } from '@tessera/core';
import { isCookieMode } from '@tessera/core/api';
import { parseTrustProxy, type TrustProxy } from '@tessera/core/client-ip';
import { parseTrustedOrigins } from '@tessera/core/csrf';
import type { SessionLimitPolicy } from '@tessera/core/session';
import type { SigningAlgorithm } from '@tessera/core/store';
import { signingAlgorithms } from '@tessera/core/tokens';
import type { JWK } from 'jose';

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
  /** `TESSERA_REGISTER_MAX_PER_IP`; `null`: core's default (10 an hour). */
  registerMaxPerIp: number | null;
  trustedOrigins: ReadonlySet<string>;
  /** `TESSERA_PUBLIC_URL` as an origin (no trailing slash); default `http://HOST:PORT`. */
  publicUrl: string;
  /** The same when `TESSERA_PUBLIC_URL` is set: the only origin the CSRF check takes as the server's own. */
  publicOrigin: string | null;
  trustProxy: TrustProxy;
  bodyLimitBytes: number;
  cookieMode: CookieMode;
  /** `TESSERA_SECRET` as given; `null` means "use (or create) the one in the data directory". */
  secret: string | null;
  /** `TESSERA_SIGNING_KEYS`, parsed; `null` when keys are generated and kept in the store. */
  signingKeys: JWK[] | null;
  signingAlgorithm: SigningAlgorithm;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
  clockSkewSeconds: number;
  /** `DATABASE_URL`: PostgreSQL for users, sessions, keys and audit; `null`: the embedded SQLite file. */
  databaseUrl: string | null;
  /** `REDIS_URL`: rate-limit counters and the revocation feed shared between instances. */
  redisUrl: string | null;
  /** `TESSERA_REDIS_PREFIX`: the first part of every Redis key (several deployments can share one Redis). */
  redisPrefix: string;
  /** What an instance does with access tokens when it loses the shared revocation feed. */
  feedLossPolicy: 'fail-closed' | 'accept-until-expiry';
  feedMaxSilenceSeconds: number;
  /** `TESSERA_METRICS_TOKEN`: the bearer token `/metrics` requires; `null`: `/metrics` is open. */
  metricsToken: string | null;
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
  if (!isCookieMode(cookieMode)) {
    throw new ConfigError(
      `TESSERA_COOKIE_MODE must be "session" or "jwt" (got "${cookieMode.slice(0, 40)}")`,
    );
  }
  const signingAlgorithm = env['TESSERA_SIGNING_ALG'] ?? 'EdDSA';
  if (!signingAlgorithms.includes(signingAlgorithm as SigningAlgorithm)) {
    throw new ConfigError(
      `TESSERA_SIGNING_ALG must be one of ${signingAlgorithms.join(', ')} (got "${signingAlgorithm.slice(0, 40)}")`,
    );
  }
  const feedLossPolicy = env['TESSERA_REVOCATION_FEED_LOSS'] ?? 'fail-closed';
  if (feedLossPolicy !== 'fail-closed' && feedLossPolicy !== 'accept-until-expiry') {
    throw new ConfigError(
      `TESSERA_REVOCATION_FEED_LOSS must be "fail-closed" or "accept-until-expiry" (got "${feedLossPolicy.slice(0, 40)}")`,
    );
  }
  const port = readInteger(env, 'PORT', 3000, 0, 65_535);
  const host = readString(env, 'HOST', '127.0.0.1');
  const defaultUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const publicOrigin = readPublicOrigin(env['TESSERA_PUBLIC_URL']);
    return {
      port,
      host,
      dataDir: resolve(readString(env, 'TESSERA_DATA_DIR', '.tessera')),
      idleTimeoutSeconds,
      absoluteTimeoutSeconds,
      maxSessionsPerUser: env['TESSERA_MAX_SESSIONS_PER_USER']
        ? readInteger(env, 'TESSERA_MAX_SESSIONS_PER_USER', 0, 1)
        : null,
      sessionLimitPolicy: policy,
      loginMaxFailures: readInteger(env, 'TESSERA_LOGIN_MAX_FAILURES', 5, 1),
      loginMaxFailuresPerIp: readInteger(env, 'TESSERA_LOGIN_MAX_FAILURES_PER_IP', 100, 1),
      registerMaxPerIp: readOptionalInteger(env, 'TESSERA_REGISTER_MAX_PER_IP', 1),
      trustedOrigins: parseTrustedOrigins(env['TESSERA_TRUSTED_ORIGINS'], 'TESSERA_TRUSTED_ORIGINS'),
      publicUrl: publicOrigin ?? defaultUrl,
      publicOrigin,
      trustProxy: parseTrustProxy(env['TESSERA_TRUST_PROXY'], 'TESSERA_TRUST_PROXY'),
      bodyLimitBytes: 64 * 1024,
      cookieMode,
      secret: readSecret(env['TESSERA_SECRET']),
      signingKeys: readSigningKeys(env['TESSERA_SIGNING_KEYS']),
      signingAlgorithm: signingAlgorithm as SigningAlgorithm,
      issuer: readString(env, 'TESSERA_ISSUER', defaultUrl),
      audience: readString(env, 'TESSERA_AUDIENCE', 'tessera'),
      accessTokenTtlSeconds: readInteger(env, 'TESSERA_ACCESS_TTL', 900, 1, 86_400),
      refreshReuseGraceSeconds: readInteger(env, 'TESSERA_REFRESH_REUSE_GRACE', 10, 0, 300),
      clockSkewSeconds: readInteger(env, 'TESSERA_CLOCK_SKEW', 60, 0, 600),
      databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
      redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
      redisPrefix: readString(env, 'TESSERA_REDIS_PREFIX', 'tessera'),
      feedLossPolicy,
      feedMaxSilenceSeconds: readInteger(env, 'TESSERA_REVOCATION_FEED_MAX_SILENCE', 10, 1, 3600),
      metricsToken: readMetricsToken(env['TESSERA_METRICS_TOKEN']),
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

/** A whole number, or `null` when unset (the default then comes from core). */
function readOptionalInteger(env: Environment, name: string, min: number): number | null {
  const value = env[name];
  return value === undefined || value === '' ? null : readInteger(env, name, 0, min);
}

/** `TESSERA_SIGNING_KEYS`: a JWK set (or an array of JWKs) inline as JSON, or the path of a file holding one. */
function readSigningKeys(value: string | undefined): JWK[] | null {
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  let text = trimmed;
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    if (!existsSync(trimmed))
      throw new ConfigError('TESSERA_SIGNING_KEYS is neither JSON nor the path of a readable file');
    text = readFileSync(trimmed, 'utf8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The message of a JSON error can quote the input, which holds private keys: say nothing of it.
    throw new ConfigError('TESSERA_SIGNING_KEYS is not valid JSON');
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key) => typeof key !== 'object' || key === null)
  ) {
    throw new ConfigError(
      'TESSERA_SIGNING_KEYS must be a JWK set {"keys": [...]} with at least one private key',
    );
  }
  return keys as JWK[];
}

/**
 * `TESSERA_PUBLIC_URL`: an absolute http(s) URL with nothing after the host and port but an optional
 * `/` (no path, query, fragment or credentials), returned as its origin as browsers send it (lower
 * case, punycode, default port omitted); `null` when unset.
 */
function readPublicOrigin(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const expected = 'TESSERA_PUBLIC_URL must be an http:// or https:// URL with no path, query or fragment';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(expected);
  }
  const bare =
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    // The value is not echoed: it may carry credentials.
    throw new ConfigError(`${expected}, e.g. https://auth.example.com`);
  }
  return url.origin;
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
