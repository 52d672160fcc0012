import { ACCESS_TOKEN_TYPE, type AccessTokenClaims } from './access-token-claims.js';
import { InvalidTokenError, SessionRevokedError, TokenExpiredError } from './access-token-error.js';
import type { KeyResolver } from './key-resolver.js';
import type { RevocationChecker } from './revocation-checker.js';
import { assertVerificationKey } from './lib/assert-verification-key.js';
import { checkSignature } from './lib/check-signature.js';
import { parseCompactJws } from './lib/parse-compact-jws.js';
import { parseJsonObject } from './lib/parse-json-object.js';

/** Leeway for `exp`, `nbf` and a future `iat` (DESIGN §3.1, `TESSERA_CLOCK_SKEW`). */
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

/** A Tessera access token is a few hundred bytes; this bounds the work a hostile one can cause. */
const DEFAULT_MAX_TOKEN_LENGTH = 8192;

/** `application/at+jwt` may be shortened to `at+jwt` (RFC 7515 §4.1.9); media types ignore case. */
const ACCEPTED_TYPES = new Set([ACCESS_TOKEN_TYPE, `application/${ACCESS_TOKEN_TYPE}`]);

/**
 * What `verifyAccessToken` trusts: the keys, who issues tokens, and who they must be for.
 *
 * @example
 * const options: VerifyAccessTokenOptions = {
 *   keys: createRemoteKeySet('https://auth.example.com/.well-known/jwks.json'),
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   revocations,
 * };
 */
export interface VerifyAccessTokenOptions {
  /** Finds the key for the token's `kid`. */
  readonly keys: KeyResolver;
  /** The exact `iss` expected (RFC 7519 §4.1.1). */
  readonly issuer: string;
  /** This service: the token's `aud` must be it or contain it (RFC 7519 §4.1.3). */
  readonly audience: string;
  /** Leeway for `exp`, `nbf` and a future `iat`; default 60. */
  readonly clockToleranceSeconds?: number;
  /** The instant to verify at; default now. Tests freeze time with it. */
  readonly currentDate?: Date;
  /** Revoked sessions; `null` or absent skips the check (tokens then live until `exp`). */
  readonly revocations?: RevocationChecker | null;
  /** Longer tokens are refused before any parsing; default 8192 characters. */
  readonly maxTokenLength?: number;
}

interface CheckedOptions {
  readonly keys: KeyResolver;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly currentDate: Date | null;
  readonly revocations: RevocationChecker | null;
  readonly maxTokenLength: number;
}

/**
 * Verifies a Tessera access token and returns its claims. The order is the security argument
 * (RFC 8725 §3; DESIGN §2): the token's shape and protected header first, then the key by `kid`
 * with the algorithm pinned by that key, then the signature, and only then the claims (typ, iss,
 * aud, times, required members), and last the revocation set.
 *
 * Rejections are coded: `InvalidTokenError`, `TokenExpiredError`, `SessionRevokedError`; faults of
 * a dependency are `KeySetUnavailableError` and `RevocationFeedUnavailableError` (answer 503).
 * Bad options throw `TypeError` at the call, before any promise exists.
 *
 * @example
 * const claims = await verifyAccessToken(bearerToken, {
 *   keys,
 *   issuer: 'https://auth.example.com',
 *   audience: 'https://api.example.com',
 *   revocations,
 * });
 * claims.sub; // the user id
 */
export function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  const checked = checkOptions(options);
  return verify(token, checked);
}

async function verify(token: string, options: CheckedOptions): Promise<AccessTokenClaims> {
  // (a), (b): shape and protected header, with no key and no crypto yet.
  const jws = parseCompactJws(token, options.maxTokenLength);
  const { typ, kid } = jws.header;
  if (typ === undefined || !ACCEPTED_TYPES.has(typ.toLowerCase())) {
    throw new InvalidTokenError('The token is not an access token (typ must be at+jwt, RFC 9068 §2.1).');
  }
  if (kid === undefined || kid === '') throw new InvalidTokenError('The access token names no key.');

  // (c), (d): the key chosen by kid fixes the algorithm; the signature is checked before any claim.
  const key = await options.keys(kid);
  if (key === null) throw new InvalidTokenError('The access token is not signed with a known key.');
  assertVerificationKey(key);
  await checkSignature(token, jws, key);

  // (e): claims, now that they are known to come from the key holder.
  const now = options.currentDate ?? new Date();
  const claims = readClaims(jws.payload, options, now);

  // (f): revocation, last: a bad token is refused (401) even while the feed is down (503).
  if (options.revocations !== null) {
    options.revocations.assertUsable(now);
    if (options.revocations.isRevoked(claims.sid, now)) throw new SessionRevokedError();
  }
  return claims;
}

function readClaims(payload: Uint8Array, options: CheckedOptions, now: Date): AccessTokenClaims {
  const claims = parseJsonObject(payload);
  if (claims === null) throw new InvalidTokenError('The access token payload is not a JSON object.');
  const { iss, aud, sub, sid, jti, roles, exp, iat, nbf } = claims;
  if (!isNumericDate(exp)) throw new InvalidTokenError('The access token has no valid expiry (exp).');
  if (!isNumericDate(iat)) throw new InvalidTokenError('The access token has no valid issue time (iat).');
  if (nbf !== undefined && !isNumericDate(nbf)) {
    throw new InvalidTokenError('The access token has an invalid not-before time (nbf).');
  }
  if (iss !== options.issuer) throw new InvalidTokenError('The access token is from another issuer.');
  if (!isForAudience(aud, options.audience)) {
    throw new InvalidTokenError('The access token is not for this audience.');
  }
  if (!isNonEmptyString(sub)) throw new InvalidTokenError('The access token has no subject (sub).');
  if (!isNonEmptyString(sid)) throw new InvalidTokenError('The access token has no session id (sid).');
  if (!isNonEmptyString(jti)) throw new InvalidTokenError('The access token has no token id (jti).');
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new InvalidTokenError('The access token has no valid roles.');
  }

  const nowSeconds = now.getTime() / 1000;
  const tolerance = options.clockToleranceSeconds;
  // RFC 7519 §4.1.5: not before nbf. A token issued in the future is as suspect (DESIGN §3.1).
  if (nbf !== undefined && nbf > nowSeconds + tolerance) {
    throw new InvalidTokenError('The access token is not valid yet (nbf).');
  }
  if (iat > nowSeconds + tolerance) throw new InvalidTokenError('The access token was issued in the future.');
  // RFC 7519 §4.1.4: "on or after" exp, the token must not be accepted.
  if (exp + tolerance <= nowSeconds) throw new TokenExpiredError();

  return {
    iss: options.issuer,
    aud: options.audience,
    sub,
    sid,
    iat,
    exp,
    jti,
    roles: roles.slice(),
    ...(nbf === undefined ? {} : { nbf }),
  };
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

function checkOptions(options: VerifyAccessTokenOptions): CheckedOptions {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError('verifyAccessToken needs an options object.');
  }
  const { keys, issuer, audience, currentDate, revocations } = options;
  const clockToleranceSeconds = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const maxTokenLength = options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH;
  if (typeof keys !== 'function') throw new TypeError('options.keys must be a key resolver function.');
  if (typeof issuer !== 'string' || issuer === '')
    throw new TypeError('options.issuer must be a non-empty string.');
  if (typeof audience !== 'string' || audience === '') {
    throw new TypeError('options.audience must be a non-empty string.');
  }
  if (!Number.isFinite(clockToleranceSeconds) || clockToleranceSeconds < 0) {
    throw new TypeError('options.clockToleranceSeconds must be a non-negative number of seconds.');
  }
  if (currentDate !== undefined && !(currentDate instanceof Date && Number.isFinite(currentDate.getTime()))) {
    throw new TypeError('options.currentDate must be a valid Date.');
  }
  if (
    revocations != null &&
    (typeof revocations.isRevoked !== 'function' || typeof revocations.assertUsable !== 'function')
  ) {
    throw new TypeError('options.revocations must implement isRevoked and assertUsable.');
  }
  if (!Number.isSafeInteger(maxTokenLength) || maxTokenLength <= 0) {
    throw new TypeError('options.maxTokenLength must be a positive integer.');
  }
  return {
    keys,
    issuer,
    audience,
    clockToleranceSeconds,
    currentDate: currentDate ?? null,
    revocations: revocations ?? null,
    maxTokenLength,
  };
}
