import {
  checkSetting,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_REFRESH_REUSE_GRACE_SECONDS,
} from '../defaults.js';
import type { TokenPolicy } from './token-service.js';

/**
 * Fills in the token defaults (access TTL, leeway, refresh grace) and checks every value; a bad one
 * is a caller bug (TypeError naming the option). The issuer and audience have no default.
 *
 * @example
 * resolveTokenPolicy({ issuer: 'https://auth.example.com', audience: 'api' }).accessTokenTtlSeconds // 900
 */
export function resolveTokenPolicy(
  input: Pick<TokenPolicy, 'issuer' | 'audience'> & Partial<TokenPolicy>,
): TokenPolicy {
  // Checked at creation, not at the first sign-in: a JavaScript caller passing `undefined` (a
  // renamed config field) would otherwise only fail when a token is signed, as a 500.
  if (!isNonEmptyString(input.issuer) || !isNonEmptyString(input.audience)) {
    throw new TypeError('tokens.issuer and tokens.audience are required (non-empty strings)');
  }
  return {
    issuer: input.issuer,
    audience: input.audience,
    accessTokenTtlSeconds: checkSetting(
      'accessTokenTtlSeconds',
      input.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    ),
    clockSkewSeconds: checkSetting('clockSkewSeconds', input.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS),
    refreshReuseGraceSeconds: checkSetting(
      'refreshReuseGraceSeconds',
      input.refreshReuseGraceSeconds ?? DEFAULT_REFRESH_REUSE_GRACE_SECONDS,
    ),
  };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
