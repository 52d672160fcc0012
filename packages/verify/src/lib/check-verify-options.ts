import type { RevocationChecker } from '../revocation-checker.js';
import { VerifiedTokenCache } from '../verified-token-cache.js';

/** Leeway for `exp`, `nbf` and a future `iat` (DESIGN §3.1, `TESSERA_CLOCK_SKEW`). */
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

/** A Tessera access token is a few hundred bytes; this bounds the work a hostile one can cause. */
const DEFAULT_MAX_TOKEN_LENGTH = 8192;

/** The options both entry points share, as the caller wrote them; `keys` differs between them. */
export interface VerifyOptionsInput<Keys> {
  readonly keys: Keys;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds?: number;
  readonly currentDate?: Date;
  readonly revocations?: RevocationChecker | null;
  readonly maxTokenLength?: number;
  readonly cache?: VerifiedTokenCache | null;
}

/** Options after {@link checkVerifyOptions}: defaults filled in, every member known good. */
export interface CheckedVerifyOptions<Keys> {
  readonly keys: Keys;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly currentDate: Date | null;
  readonly revocations: RevocationChecker | null;
  readonly maxTokenLength: number;
  readonly cache: VerifiedTokenCache | null;
}

/**
 * Checks the options of `verifyAccessToken` and `verifyAccessTokenSync`, throwing `TypeError` for
 * a caller's bug, and fills in the defaults.
 *
 * @example
 * const checked = checkVerifyOptions(options, 'verifyAccessToken');
 */
export function checkVerifyOptions<Keys>(
  options: VerifyOptionsInput<Keys>,
  caller: string,
): CheckedVerifyOptions<Keys> {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError(`${caller} needs an options object.`);
  }
  const { keys, issuer, audience, currentDate, revocations, cache } = options;
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
  if (cache != null && !(cache instanceof VerifiedTokenCache)) {
    throw new TypeError('options.cache must be a VerifiedTokenCache.');
  }
  return {
    keys,
    issuer,
    audience,
    clockToleranceSeconds,
    currentDate: currentDate ?? null,
    revocations: revocations ?? null,
    maxTokenLength,
    cache: cache ?? null,
  };
}
