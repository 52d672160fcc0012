// Over 300 lines, to be split: one function validates every environment variable at start-up;
// the §7–§10 blocks (mail, providers, passkeys, CORS) should move to a file each (issue 12).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseServerSecrets, type TesseraDepsOptions } from '@tessera/core';
import { parseTrustProxy } from '@tessera/core/client-ip';
import {
  cookieModes,
  feedLossPolicies,
  sessionLimitPolicies,
  SETTING_RANGES,
  type SettingName,
} from '@tessera/core/config';
import { checkCookieDomain, isHostInCookieDomain } from '@tessera/core/cookie';
import { parseTrustedOrigins } from '@tessera/core/csrf';
import { emailVerificationModes, parseSmtpUrl } from '@tessera/core/mail';
import { parseOAuthProviders, type OAuthProviderConfig } from '@tessera/core/oauth';
import { signingAlgorithms } from '@tessera/core/tokens';
import type { TesseraHttpOptions } from '@tessera/http/node';
import type { JWK } from 'jose';

/**
 * The `createTesseraDeps` options the environment sets. An unset variable leaves its option out and
 * core applies the default (packages/core/src/defaults.ts), so each default is written once.
 */
export type ServerDepsConfig = Required<
  Pick<TesseraDepsOptions, 'session' | 'throttle' | 'tokens' | 'feedLoss' | 'signingKeys' | 'email'>
> &
  Pick<TesseraDepsOptions, 'signingAlgorithm'>;

/** The `createTesseraHttp` options the environment sets; the same rule for defaults. */
export type ServerHttpConfig = Pick<
  TesseraHttpOptions,
  | 'cookieMode'
  | 'trustedOrigins'
  | 'publicOrigin'
  | 'trustProxy'
  | 'bodyLimitBytes'
  | 'passkeyOrigin'
  | 'corsOrigins'
  | 'cookieDomain'
>;

/**
 * The server's configuration, read once from the environment (12-factor) and validated: the
 * server's own settings, and core's option shapes as they are, which `startServer` passes through.
 */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** `TESSERA_PUBLIC_URL` as an origin (no trailing slash); default `http://HOST:PORT`. */
  publicUrl: string;
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
  /** Sessions, throttling, tokens, signing keys and the revocation feed: `createTesseraDeps`'s options. */
  deps: ServerDepsConfig;
  /** Cookie mode, CSRF origins, proxies and the body limit: `createTesseraHttp`'s options. */
  http: ServerHttpConfig;
  /** How mail leaves the server (DESIGN §7). */
  smtp: ServerSmtpConfig;
  /** Sign-in with other providers (DESIGN §8). */
  oauth: ServerOAuthConfig;
}

/** `TESSERA_SMTP_URL` and its companions; without a URL, mail is written to `<dataDir>/outbox`. */
export interface ServerSmtpConfig {
  /** `TESSERA_SMTP_URL` (may hold a password: never logged); `null`: the development outbox. */
  url: string | null;
  /** `TESSERA_SMTP_CA_FILE` read: extra CAs (PEM) to trust for the mail server's certificate. */
  ca: string | null;
  /** `TESSERA_SMTP_TIMEOUT` in seconds; unset: core's default. */
  timeoutSeconds?: number;
}

/** `TESSERA_OAUTH_PROVIDERS`, `TESSERA_OAUTH_LINK_VERIFIED_EMAIL`, `TESSERA_OAUTH_TIMEOUT`. */
export interface ServerOAuthConfig {
  /** Empty: no provider sign-in. */
  providers: OAuthProviderConfig[];
  linkVerifiedEmail: boolean;
  /** Unset: core's default. */
  timeoutSeconds?: number;
}

/** Environment variables read by the server, as a plain record (`process.env` fits). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A configuration error: names the variable and says what it must be. */
export class ConfigError extends TypeError {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration. Throws `ConfigError` naming the first bad variable; the
 * ranges are core's (`SETTING_RANGES`), checked here too so the message names the variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Environment): ServerConfig {
  const port = readInteger(env, 'PORT', 3000, { min: 0, max: 65_535 });
  const host = readString(env, 'HOST', '127.0.0.1');
  const defaultUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const publicOrigin = readPublicOrigin(env['TESSERA_PUBLIC_URL']);
    return {
      port,
      host,
      dataDir: resolve(readString(env, 'TESSERA_DATA_DIR', '.tessera')),
      publicUrl: publicOrigin ?? defaultUrl,
      secret: readSecret(env['TESSERA_SECRET']),
      databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
      redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
      redisPrefix: readString(env, 'TESSERA_REDIS_PREFIX', 'tessera'),
      metricsToken: readMetricsToken(env['TESSERA_METRICS_TOKEN']),
      deps: {
        session: definedOnly({
          idleTimeoutSeconds: readSetting(env, 'TESSERA_IDLE_TTL', 'idleTimeoutSeconds'),
          absoluteTimeoutSeconds: readSetting(env, 'TESSERA_ABSOLUTE_TTL', 'absoluteTimeoutSeconds'),
          maxSessionsPerUser: readSetting(env, 'TESSERA_MAX_SESSIONS_PER_USER', 'maxSessionsPerUser'),
          sessionLimitPolicy: readChoice(env, 'TESSERA_SESSION_LIMIT_POLICY', sessionLimitPolicies),
          reauthMaxAgeSeconds: readSetting(env, 'TESSERA_REAUTH_MAX_AGE', 'reauthMaxAgeSeconds'),
        }),
        throttle: definedOnly({
          maxFailuresPerAccount: readSetting(env, 'TESSERA_LOGIN_MAX_FAILURES', 'maxFailuresPerAccount'),
          maxFailuresPerIp: readSetting(env, 'TESSERA_LOGIN_MAX_FAILURES_PER_IP', 'maxFailuresPerIp'),
          maxRegistrationsPerIp: readSetting(env, 'TESSERA_REGISTER_MAX_PER_IP', 'maxRegistrationsPerIp'),
        }),
        tokens: {
          issuer: readString(env, 'TESSERA_ISSUER', defaultUrl),
          audience: readString(env, 'TESSERA_AUDIENCE', 'tessera'),
          ...definedOnly({
            accessTokenTtlSeconds: readSetting(env, 'TESSERA_ACCESS_TTL', 'accessTokenTtlSeconds'),
            refreshReuseGraceSeconds: readSetting(
              env,
              'TESSERA_REFRESH_REUSE_GRACE',
              'refreshReuseGraceSeconds',
            ),
            clockSkewSeconds: readSetting(env, 'TESSERA_CLOCK_SKEW', 'clockSkewSeconds'),
          }),
        },
        signingKeys: readSigningKeys(env['TESSERA_SIGNING_KEYS']),
        ...definedOnly({ signingAlgorithm: readChoice(env, 'TESSERA_SIGNING_ALG', signingAlgorithms) }),
        feedLoss: definedOnly({
          policy: readChoice(env, 'TESSERA_REVOCATION_FEED_LOSS', feedLossPolicies),
          maxSilenceSeconds: readSetting(env, 'TESSERA_REVOCATION_FEED_MAX_SILENCE', 'maxSilenceSeconds'),
        }),
        email: {
          // Links in mail are built from this and nothing else (never the request's Host).
          publicUrl: publicOrigin ?? defaultUrl,
          ...definedOnly({ from: readEmailFrom(env['TESSERA_EMAIL_FROM']) }),
          policy: definedOnly({
            verification: readChoice(env, 'TESSERA_EMAIL_VERIFICATION', emailVerificationModes),
            passwordResetTtlSeconds: readSetting(
              env,
              'TESSERA_PASSWORD_RESET_TTL',
              'passwordResetTtlSeconds',
            ),
            emailVerifyTtlSeconds: readSetting(env, 'TESSERA_EMAIL_VERIFY_TTL', 'emailVerifyTtlSeconds'),
            maxEmailRequestsPerIp: readSetting(env, 'TESSERA_EMAIL_MAX_PER_IP', 'maxEmailRequestsPerIp'),
          }),
        },
      },
      http: {
        cookieMode: readChoice(env, 'TESSERA_COOKIE_MODE', cookieModes) ?? 'session',
        trustedOrigins: parseTrustedOrigins(env['TESSERA_TRUSTED_ORIGINS'], 'TESSERA_TRUSTED_ORIGINS'),
        // Only when TESSERA_PUBLIC_URL is set: then the only origin the CSRF check takes as the server's own.
        publicOrigin,
        trustProxy: parseTrustProxy(env['TESSERA_TRUST_PROXY'], 'TESSERA_TRUST_PROXY'),
        // Passkeys are bound to the public URL, set or not (its host must be a domain name: DESIGN §9).
        passkeyOrigin: publicOrigin ?? defaultUrl,
        // Front ends on other origins (DESIGN §10): validated like TESSERA_TRUSTED_ORIGINS.
        corsOrigins: parseTrustedOrigins(env['TESSERA_CORS_ORIGINS'], 'TESSERA_CORS_ORIGINS'),
        // Cookies shared by the subdomains of one site (DESIGN §10; decision 0055).
        ...definedOnly({ cookieDomain: readCookieDomain(env['TESSERA_COOKIE_DOMAIN'], publicOrigin) }),
      },
      smtp: {
        url: readSmtpUrl(env['TESSERA_SMTP_URL']),
        ca: readSmtpCa(env['TESSERA_SMTP_CA_FILE']),
        ...definedOnly({ timeoutSeconds: readSetting(env, 'TESSERA_SMTP_TIMEOUT', 'smtpTimeoutSeconds') }),
      },
      oauth: {
        providers: readOAuthProviders(env['TESSERA_OAUTH_PROVIDERS']),
        linkVerifiedEmail: readBoolean(env, 'TESSERA_OAUTH_LINK_VERIFIED_EMAIL'),
        ...definedOnly({ timeoutSeconds: readSetting(env, 'TESSERA_OAUTH_TIMEOUT', 'oauthTimeoutSeconds') }),
      },
    };
  } catch (error) {
    if (error instanceof TypeError && !(error instanceof ConfigError)) throw new ConfigError(error.message);
    throw error;
  }
}

/** The object without its unset entries: an unset variable leaves its option out, for core to fill in. */
function definedOnly<T extends object>(values: { [K in keyof T]: T[K] | undefined }): {
  [K in keyof T]?: T[K];
} {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: T[K];
  };
}

/** One of `choices`, or `undefined` when unset. The value is echoed cut short: it is not a secret. */
function readChoice<T extends string>(env: Environment, name: string, choices: readonly T[]): T | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!choices.includes(value as T)) {
    const expected =
      choices.length === 2 ? `"${choices[0]}" or "${choices[1]}"` : `one of ${choices.join(', ')}`;
    throw new ConfigError(`${name} must be ${expected} (got "${value.slice(0, 40)}")`);
  }
  return value as T;
}

/** A whole-number setting of core, in core's range (`SETTING_RANGES`), or `undefined` when unset. */
function readSetting(env: Environment, name: string, setting: SettingName): number | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : readInteger(env, name, 0, SETTING_RANGES[setting]);
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

/** `TESSERA_OAUTH_PROVIDERS`: a JSON array inline, or the path of a file holding one; unset: none. */
function readOAuthProviders(value: string | undefined): OAuthProviderConfig[] {
  const name = 'TESSERA_OAUTH_PROVIDERS';
  if (value === undefined || value.trim() === '') return [];
  const trimmed = value.trim();
  let text = trimmed;
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    if (!existsSync(trimmed))
      throw new ConfigError(`${name} is neither JSON nor the path of a readable file`);
    text = readFileSync(trimmed, 'utf8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The JSON error could quote the input, which holds client secrets.
    throw new ConfigError(`${name} is not valid JSON`);
  }
  return parseOAuthProviders(parsed, name);
}

/** `true` or `false` (also `1`/`0`); unset: false. */
function readBoolean(env: Environment, name: string): boolean {
  const value = env[name];
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be "true" or "false" (got "${value.slice(0, 40)}")`);
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

/**
 * `TESSERA_COOKIE_DOMAIN`: a parent domain (core's `checkCookieDomain`), which must cover the host of
 * `TESSERA_PUBLIC_URL` when that is set: browsers drop a cookie whose `Domain` does not.
 */
function readCookieDomain(value: string | undefined, publicOrigin: string | null): string | undefined {
  if (value === undefined || value === '') return undefined;
  const domain = checkCookieDomain(value, 'TESSERA_COOKIE_DOMAIN');
  if (publicOrigin !== null && !isHostInCookieDomain(new URL(publicOrigin).hostname, domain)) {
    throw new ConfigError(
      `TESSERA_COOKIE_DOMAIN ("${domain}") must be the host of TESSERA_PUBLIC_URL or one of its parent domains`,
    );
  }
  return domain;
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

/** `TESSERA_SMTP_URL`: checked by core's parser; the value may hold a password and is never echoed. */
function readSmtpUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  parseSmtpUrl(value);
  return value;
}

/** `TESSERA_SMTP_CA_FILE`: a PEM file of certificate authorities to trust for the mail server. */
function readSmtpCa(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError('TESSERA_SMTP_CA_FILE is not the path of a readable file');
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError('TESSERA_SMTP_CA_FILE must hold PEM certificates');
  }
  return text;
}

/** `TESSERA_EMAIL_FROM`: a sender such as `Example <no-reply@example.com>`, without control characters. */
function readEmailFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(value) || !value.includes('@')) {
    throw new ConfigError(
      'TESSERA_EMAIL_FROM must be a sender address such as "Example <no-reply@example.com>"',
    );
  }
  return value;
}
