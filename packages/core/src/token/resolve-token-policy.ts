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
  if (input.issuer === '' || input.audience === '') throw new TypeError('issuer and audience are required');
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
