import type { AccessTokenClaims, SigningAlgorithm } from './access-token-claims.js';

/** About 1 KB per entry (the token and its claims): a few megabytes at most by default. */
const DEFAULT_MAX_ENTRIES = 4096;

/** The value of each base64url character, for the slot a signature falls in; others count as 0. */
const SIX_BITS = new Uint8Array(128);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
for (let index = 0; index < ALPHABET.length; index += 1) SIX_BITS[ALPHABET.charCodeAt(index)] = index;

/**
 * Options of {@link VerifiedTokenCache}.
 *
 * @example
 * const options: VerifiedTokenCacheOptions = { maxEntries: 10_000 };
 */
export interface VerifiedTokenCacheOptions {
  /** The most tokens held (one per slot). Default 4096 (about 4 MB). */
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
  readonly slots: (CachedAccessToken | undefined)[];
  /**
   * Per slot, a fingerprint of the last token verified in full there and not cached (yet): see
   * `admitAccessToken`. Numbers, not the strings: no string comparison and no pointer stored on a
   * token's first sight.
   */
  readonly seen: Int32Array;
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
 * Bounded, and cheap on the cold path: `maxEntries` slots, a token's slot chosen by the first
 * characters of its signature (random for every algorithm we accept), a newer token taking the
 * slot of an older one; no map to rehash and no order to keep. A token is stored when it is
 * verified in full for the second time, so tokens seen once cost no allocation
 * (docs/decisions/0015-verify-cost.md).
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
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0 || maxEntries > 2 ** 24) {
      throw new TypeError('options.maxEntries must be a positive integer up to 16777216.');
    }
    this.maxEntries = maxEntries;
    this.#state = {
      slots: new Array<CachedAccessToken | undefined>(maxEntries).fill(undefined),
      seen: new Int32Array(maxEntries),
    };
  }

  /** The number of tokens held (counted, for tests and metrics: O(maxEntries)). */
  get size(): number {
    return this.#state.slots.reduce((count, entry) => (entry === undefined ? count : count + 1), 0);
  }

  /**
   * Drops every entry (after rotating keys by hand, say; removed keys are noticed anyway).
   *
   * @example
   * cache.clear();
   */
  clear(): void {
    this.#state.slots.fill(undefined);
    this.#state.seen.fill(0);
  }
}

/**
 * The slot a token goes in: 30 bits from five characters near its end, inside the signature (the
 * very last character may carry padding bits), modulo the number of slots. Read from the end, so
 * no search for the last dot. Internal to the package (not exported from its index), like the
 * functions below.
 *
 * @example
 * const slot = cacheSlotOf(cache, token);
 */
export function cacheSlotOf(cache: VerifiedTokenCache, token: string): number {
  return sixBitsBefore(token, token.length - 1) % cache.maxEntries;
}

/** 30 bits from the five characters before `end`: base64url digits of the signature. */
function sixBitsBefore(token: string, end: number): number {
  let bits = 0;
  for (let index = end - 5; index < end; index += 1) {
    bits = (bits << 6) | (SIX_BITS[token.charCodeAt(index) & 0x7f] ?? 0);
  }
  return bits;
}

/**
 * The entry for exactly this token string, if it was verified for this issuer and audience.
 *
 * @example
 * const entry = findCachedAccessToken(cache, slot, token, options);
 */
export function findCachedAccessToken(
  cache: VerifiedTokenCache,
  slot: number,
  token: string,
  expected: { readonly issuer: string; readonly audience: string },
): CachedAccessToken | undefined {
  const entry = stateOf(cache).slots[slot];
  return entry !== undefined &&
    entry.token === token &&
    entry.issuer === expected.issuer &&
    entry.audience === expected.audience
    ? entry
    : undefined;
}

/**
 * Whether a token just verified in full should be cached: only when it was verified in full once
 * before (its slot remembers a fingerprint of the last such token: a number). Most tokens a
 * busy service sees the first time are new ones, and storing each of them cost the cold path about
 * a tenth at HS256 in allocation and garbage collection; a token presented again is stored on its
 * second verification and answered from the cache from the third on.
 *
 * @example
 * if (admitAccessToken(cache, slot, token)) rememberAccessToken(cache, slot, entry);
 */
export function admitAccessToken(cache: VerifiedTokenCache, slot: number, token: string): boolean {
  const { seen } = stateOf(cache);
  // 30 more bits of the signature, next to the slot's: a different token that matches them (about
  // one in a billion) is only cached a verification early; a hit still needs the very token string.
  const fingerprint = sixBitsBefore(token, token.length - 6);
  if (seen[slot] === fingerprint) {
    seen[slot] = ~fingerprint;
    return true;
  }
  seen[slot] = fingerprint;
  return false;
}

/**
 * Holds a token that was just verified, in its slot.
 *
 * @example
 * rememberAccessToken(cache, slot, { token, claims, kid, alg, key: key.key, issuer, audience });
 */
export function rememberAccessToken(cache: VerifiedTokenCache, slot: number, entry: CachedAccessToken): void {
  stateOf(cache).slots[slot] = entry;
}

/**
 * Drops the entry of this token (its key is gone, or it expired), if it still holds the slot.
 *
 * @example
 * forgetAccessToken(cache, slot, token);
 */
export function forgetAccessToken(cache: VerifiedTokenCache, slot: number, token: string): void {
  const { slots } = stateOf(cache);
  if (slots[slot]?.token === token) slots[slot] = undefined;
}
