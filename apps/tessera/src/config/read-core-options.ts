import type { TesseraDepsOptions } from '@tessera/core';
import { feedLossPolicies, sessionLimitPolicies } from '@tessera/core/config';
import { signingAlgorithms } from '@tessera/core/tokens';
import type { JWK } from 'jose';
import { ConfigError } from './config-error.js';
import { definedOnly } from './defined-only.js';
import type { Environment } from './environment.js';
import { readChoice } from './read-choice.js';
import { readJsonOrFile } from './read-json-or-file.js';
import { readSetting } from './read-setting.js';
import { readString } from './read-string.js';

/**
 * Sessions (with recent authentication, DESIGN §9), throttling, tokens, signing keys and the revocation
 * feed: `createTesseraDeps`'s own option shapes. An unset variable leaves its option out and core applies
 * the default (packages/core/src/defaults.ts), so each default is written once.
 *
 * @example
 * const core: CoreOptionsConfig = readCoreOptions(process.env, 'http://127.0.0.1:3000');
 */
export type CoreOptionsConfig = Required<
  Pick<TesseraDepsOptions, 'session' | 'throttle' | 'tokens' | 'feedLoss' | 'signingKeys'>
> &
  Pick<TesseraDepsOptions, 'signingAlgorithm'>;

/**
 * Reads the session, throttle, token, signing-key and revocation-feed variables; `defaultIssuer` is the
 * server's default URL. Throws `ConfigError` naming the first bad variable.
 *
 * @example
 * const { session, tokens } = readCoreOptions(process.env, 'http://127.0.0.1:3000');
 */
export function readCoreOptions(env: Environment, defaultIssuer: string): CoreOptionsConfig {
  return {
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
      issuer: readString(env, 'TESSERA_ISSUER', defaultIssuer),
      audience: readString(env, 'TESSERA_AUDIENCE', 'tessera'),
      ...definedOnly({
        accessTokenTtlSeconds: readSetting(env, 'TESSERA_ACCESS_TTL', 'accessTokenTtlSeconds'),
        refreshReuseGraceSeconds: readSetting(env, 'TESSERA_REFRESH_REUSE_GRACE', 'refreshReuseGraceSeconds'),
        clockSkewSeconds: readSetting(env, 'TESSERA_CLOCK_SKEW', 'clockSkewSeconds'),
      }),
    },
    signingKeys: readSigningKeys(env['TESSERA_SIGNING_KEYS']),
    ...definedOnly({ signingAlgorithm: readChoice(env, 'TESSERA_SIGNING_ALG', signingAlgorithms) }),
    feedLoss: definedOnly({
      policy: readChoice(env, 'TESSERA_REVOCATION_FEED_LOSS', feedLossPolicies),
      maxSilenceSeconds: readSetting(env, 'TESSERA_REVOCATION_FEED_MAX_SILENCE', 'maxSilenceSeconds'),
    }),
  };
}

/** `TESSERA_SIGNING_KEYS`: a JWK set (or an array of JWKs) inline as JSON, or the path of a file holding one. */
function readSigningKeys(value: string | undefined): JWK[] | null {
  const parsed = readJsonOrFile(value, 'TESSERA_SIGNING_KEYS');
  if (parsed === undefined) return null;
  const keys = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && 'keys' in parsed
      ? parsed.keys
      : undefined;
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
