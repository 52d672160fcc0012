import type { AccessTokenClaims, SigningAlgorithm } from './access-token-claims.js';

/** About 1 KB per entry (the token and its claims): a few megabytes at most by default. */
const DEFAULT_MAX_ENTRIES = 4096;

/**
 * Options of {@link VerifiedTokenCache}.
 *
 * @example
 * const options: VerifiedTokenCacheOptions = { maxEntries: 10_000 };
 */
export interface VerifiedTokenCacheOptions {
  /** The most tokens held; the oldest is dropped to make room. Default 4096 (about 4 MB). */
  readonly maxEntries?: number;
}

/** What the cache holds for one token: its claims, and what they were verified with and for. */
export interface CachedAccessToken {
  readonly claims: AccessTokenClaims;
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** The very key object that verified the signature: a hit needs the key set to still hold it. */
  readonly key: object;
  readonly issuer: string;
  readonly audience: string;
}

/** The entries of a cache, for the functions below; set by the class's static block. */
let entriesOf: (cache: VerifiedTokenCache) => Map<string, CachedAccessToken>;

/**
 * Tokens that passed `verifyAccessToken` (or `verifyAccessTokenSync`), so that the same token
 * presented again skips the signature and the parsing, never the checks that can change with time.
 * Pass one instance in the options of every call.
 *
 * What a hit still does, every time: the key set must still hold the very key that verified the
 * token (a key removed from the JWKS, or replaced, sends the token through full verification
 * again); `exp`, `nbf` and `iat` are checked against the current time with the leeway; the
 * revocation set is asked about the session, and its feed's health checked. So a session revoked
 * a moment ago is refused on the very next call. Only the exact token string can hit its entry: a
 * token differing in any character is verified from scratch. Refused tokens are never cached.
 *
 * Bounded: at `maxEntries` the oldest entry is dropped; expired entries go when next met.
 *
 * @example
 * const cache = new VerifiedTokenCache({ maxEntries: 10_000 });
 * const claims = await verifyAccessToken(token, { keys, issuer, audience, revocations, cache });
 */
export class VerifiedTokenCache {
  readonly #entries = new Map<string, CachedAccessToken>();
  /** The most entries held. */
  readonly maxEntries: number;

  static {
    // Private state reached only from this module: no public method can plant an entry.
    entriesOf = (cache) => cache.#entries;
  }

  constructor(options: VerifiedTokenCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
      throw new TypeError('options.maxEntries must be a positive integer.');
    }
    this.maxEntries = maxEntries;
  }

  /** The number of tokens held. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Drops every entry (after rotating keys by hand, say; removed keys are noticed anyway).
   *
   * @example
   * cache.clear();
   */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The entry for exactly this token string, if it was verified for this issuer and audience.
 * Internal to the package (not exported from its index).
 *
 * @example
 * const entry = findCachedAccessToken(cache, token, options);
 */
export function findCachedAccessToken(
  cache: VerifiedTokenCache,
  token: string,
  expected: { readonly issuer: string; readonly audience: string },
): CachedAccessToken | undefined {
  const entry = entriesOf(cache).get(token);
  return entry !== undefined && entry.issuer === expected.issuer && entry.audience === expected.audience
    ? entry
    : undefined;
}

/**
 * Holds a token that was just verified, dropping the oldest entry when full. Internal.
 *
 * @example
 * rememberAccessToken(cache, token, { claims, kid, alg, key: key.key, issuer, audience });
 */
export function rememberAccessToken(
  cache: VerifiedTokenCache,
  token: string,
  entry: CachedAccessToken,
): void {
  const entries = entriesOf(cache);
  if (entries.size >= cache.maxEntries && !entries.has(token)) {
    const oldest = entries.keys().next();
    if (oldest.done !== true) entries.delete(oldest.value);
  }
  entries.set(token, entry);
}

/**
 * Drops a token's entry (its key is gone, or it expired). Internal.
 *
 * @example
 * forgetAccessToken(cache, token);
 */
export function forgetAccessToken(cache: VerifiedTokenCache, token: string): void {
  entriesOf(cache).delete(token);
}
