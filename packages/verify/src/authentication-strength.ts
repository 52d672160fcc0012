import type { AccessTokenClaims } from './access-token-claims.js';

/**
 * Whether the user proved who they are within the last `maxAgeSeconds` (the token's `auth_time`,
 * DESIGN §9): for another service's sensitive actions. A token without `auth_time` is not recent.
 *
 * @example
 * if (!hasRecentAuthentication(claims, 600)) return reply.code(403).send({ code: 'reauthentication_required' });
 */
export function hasRecentAuthentication(
  claims: Pick<AccessTokenClaims, 'auth_time'>,
  maxAgeSeconds: number,
  currentDate: Date = new Date(),
): boolean {
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new TypeError('maxAgeSeconds must be a non-negative number of seconds');
  }
  if (claims.auth_time === undefined) return false;
  return currentDate.getTime() / 1000 - claims.auth_time <= maxAgeSeconds;
}

/**
 * Whether the session proved a second factor (RFC 8176): `mfa`, a one-time code (`otp`, which
 * Tessera only ever adds on top of a first factor), or a passkey, which is possession and user
 * verification in one (`hwk` or `swk`).
 *
 * @example
 * if (!hasSecondFactor(claims)) return reply.code(403).send({ code: 'mfa_required' });
 */
export function hasSecondFactor(claims: Pick<AccessTokenClaims, 'amr'>): boolean {
  const amr = claims.amr ?? [];
  return ['mfa', 'otp', 'hwk', 'swk'].some((method) => amr.includes(method));
}
