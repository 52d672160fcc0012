import type { AccessTokenClaims } from '../access-token-claims.js';
import { InvalidTokenError } from '../access-token-error.js';
import { assertTokenTimes } from './assert-token-times.js';
import { parseJsonObject } from './parse-json-object.js';

/**
 * Reads and checks the claims of a payload whose signature has been verified: numeric `exp` and
 * `iat` (and `nbf` if present), `iss` and `aud` as configured, non-empty `sub`, `sid` and `jti`,
 * `roles` an array of strings, then the times. Returns exactly the typed claims (unknown ones are
 * dropped, `aud` is this audience). Throws `InvalidTokenError` or `TokenExpiredError`.
 *
 * @example
 * const claims = readAccessTokenClaims(jws.payload, { issuer, audience, clockToleranceSeconds: 60 }, now);
 */
export function readAccessTokenClaims(
  payload: Uint8Array,
  expected: { readonly issuer: string; readonly audience: string; readonly clockToleranceSeconds: number },
  nowSeconds: number,
): AccessTokenClaims {
  const claims = parseJsonObject(payload);
  if (claims === null) throw new InvalidTokenError('The access token payload is not a JSON object.');
  const { iss, aud, sub, sid, jti, roles, exp, iat, nbf, auth_time: authTime, amr } = claims;
  if (!isNumericDate(exp)) throw new InvalidTokenError('The access token has no valid expiry (exp).');
  if (!isNumericDate(iat)) throw new InvalidTokenError('The access token has no valid issue time (iat).');
  let notBefore: number | undefined;
  if (nbf !== undefined) {
    if (!isNumericDate(nbf)) {
      throw new InvalidTokenError('The access token has an invalid not-before time (nbf).');
    }
    notBefore = nbf;
  }
  if (iss !== expected.issuer) throw new InvalidTokenError('The access token is from another issuer.');
  if (!isForAudience(aud, expected.audience)) {
    throw new InvalidTokenError('The access token is not for this audience.');
  }
  if (!isNonEmptyString(sub)) throw new InvalidTokenError('The access token has no subject (sub).');
  if (!isNonEmptyString(sid)) throw new InvalidTokenError('The access token has no session id (sid).');
  if (!isNonEmptyString(jti)) throw new InvalidTokenError('The access token has no token id (jti).');
  if (!isArrayOfStrings(roles)) throw new InvalidTokenError('The access token has no valid roles.');
  if (authTime !== undefined && !isNumericDate(authTime)) {
    throw new InvalidTokenError('The access token has an invalid authentication time (auth_time).');
  }
  if (amr !== undefined && !isArrayOfStrings(amr)) {
    throw new InvalidTokenError('The access token has an invalid amr.');
  }
  assertTokenTimes({ exp, iat, nbf: notBefore }, expected.clockToleranceSeconds, nowSeconds);
  const { issuer, audience } = expected;
  // Literals rather than a conditional spread, which builds and copies a temporary object.
  const read: { -readonly [K in keyof AccessTokenClaims]: AccessTokenClaims[K] } =
    notBefore === undefined
      ? { iss: issuer, aud: audience, sub, sid, iat, exp, jti, roles: roles.slice() }
      : { iss: issuer, aud: audience, sub, sid, iat, exp, jti, roles: roles.slice(), nbf: notBefore };
  if (authTime !== undefined) read.auth_time = authTime;
  if (amr !== undefined) read.amr = amr.slice();
  return read;
}

function isArrayOfStrings(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const entry of value as unknown[]) if (typeof entry !== 'string') return false;
  return true;
}

/** RFC 7519 §2: a JSON number of seconds; we also require it finite. */
function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** RFC 7519 §4.1.3: a single string, or an array of strings one of which is ours. */
function isForAudience(aud: unknown, audience: string): boolean {
  if (typeof aud === 'string') return aud === audience;
  return Array.isArray(aud) && aud.every((entry) => typeof entry === 'string') && aud.includes(audience);
}
