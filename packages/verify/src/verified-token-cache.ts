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
  /** The whole token: a hit must be exactly this string. */
  readonly token: string;
  readonly claims: AccessTokenClaims;
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** The very key object that verified the signature: a hit needs the key set to still hold it. */
  readonly key: object;
  readonly issuer: string;
  readonly audience: string;
}

/** The private state of a cache, for the functions below; set by the class's static block. */
let stateOf: (cache: VerifiedTokenCache) => CacheState;

interface CacheState {
  /** By the token's signature segment ({@link cacheKeyOf}); the entry holds the whole token. */
  readonly entries: Map<string, CachedAccessToken>;
  /**
   * Tokens in insertion order, as a ring: the slot written next holds the oldest, which is dropped.
   * A ring rather than the Map's own order because walking that allocates an iterator per insert.
   * A token dropped early and cached again sits in two slots; the older one then drops it once
   * more, early: a miss, never a wrong answer.
   */
  readonly order: (string | undefined)[];
  next: number;
}

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
  readonly #state: CacheState;
  /** The most entries held. */
  readonly maxEntries: number;

  static {
    // Private state reached only from this module: no public method can plant an entry.
    stateOf = (cache) => cache.#state;
  }

  constructor(options: VerifiedTokenCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
      throw new TypeError('options.maxEntries must be a positive integer.');
    }
    this.maxEntries = maxEntries;
    this.#state = { entries: new Map(), order: new Array<string | undefined>(maxEntries), next: 0 };
  }

  /** The number of tokens held. */
  get size(): number {
    return this.#state.entries.size;
  }

  /**
   * Drops every entry (after rotating keys by hand, say; removed keys are noticed anyway).
   *
   * @example
   * cache.clear();
   */
  clear(): void {
    this.#state.entries.clear();
    this.#state.order.fill(undefined);
  }
}

/**
 * The key a token is cached under: its signature segment, found by the last dot. Hashing these 43
 * to 342 characters instead of the whole token halves what a cache miss costs; a hit still has to
 * be the whole token (another token with the same last segment finds the entry and is refused it).
 * Internal to the package (not exported from its index), like the functions below.
 *
 * @example
 * const key = cacheKeyOf(token);
 */
export function cacheKeyOf(token: string): string {
  return token.slice(token.lastIndexOf('.') + 1);
}

/**
 * The entry for exactly this token string, if it was verified for this issuer and audience.
 *
 * @example
 * const entry = findCachedAccessToken(cache, cacheKeyOf(token), token, options);
 */
export function findCachedAccessToken(
  cache: VerifiedTokenCache,
  key: string,
  token: string,
  expected: { readonly issuer: string; readonly audience: string },
): CachedAccessToken | undefined {
  const entry = stateOf(cache).entries.get(key);
  return entry !== undefined &&
    entry.token === token &&
    entry.issuer === expected.issuer &&
    entry.audience === expected.audience
    ? entry
    : undefined;
}

/**
 * Holds a token that was just verified, dropping the oldest entry when full.
 *
 * @example
 * rememberAccessToken(cache, key, { token, claims, kid, alg, key: key.key, issuer, audience });
 */
export function rememberAccessToken(cache: VerifiedTokenCache, key: string, entry: CachedAccessToken): void {
  const state = stateOf(cache);
  if (!state.entries.has(key)) {
    const oldest = state.order[state.next];
    if (oldest !== undefined) state.entries.delete(oldest);
    state.order[state.next] = key;
    state.next = state.next + 1 === state.order.length ? 0 : state.next + 1;
  }
  state.entries.set(key, entry);
}

/**
 * Drops an entry (its key is gone, or it expired).
 *
 * @example
 * forgetAccessToken(cache, key);
 */
export function forgetAccessToken(cache: VerifiedTokenCache, key: string): void {
  stateOf(cache).entries.delete(key);
}
