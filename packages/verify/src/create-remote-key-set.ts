import { KeySetUnavailableError } from './access-token-error.js';
import type { KeyResolver } from './key-resolver.js';
import type { VerificationKey } from './verification-key.js';
import { registerHeldKeyLookup } from './lib/held-key-lookups.js';
import { isPlainObject } from './lib/is-plain-object.js';
import { importVerificationJwk } from './lib/import-verification-jwk.js';
import { readVerificationJwk, type JwkVerdict } from './lib/read-verification-jwk.js';

/** A JWKS is a few kilobytes; a larger answer is not one. */
const MAX_JWKS_BYTES = 1_048_576;

/**
 * Options of {@link createRemoteKeySet}. Durations in seconds, except the request timeout.
 *
 * @example
 * const options: RemoteKeySetOptions = { cacheMaxAgeSeconds: 300, cooldownSeconds: 30 };
 */
export interface RemoteKeySetOptions {
  /** After this, a lookup refetches in the background while still answering from the cache; 300. */
  readonly cacheMaxAgeSeconds?: number;
  /** An unknown `kid` refetches only when the last fetch is older than this; 30. */
  readonly cooldownSeconds?: number;
  /** Abort a fetch (headers and body) after this many milliseconds; 5000. */
  readonly timeoutMs?: number;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** The clock; default `() => new Date()`. Tests move it. */
  readonly now?: () => Date;
}

/**
 * A key resolver over a {@link createRemoteKeySet} JWKS, plus `refresh()` to fetch it now (at
 * start-up, say); `refresh()` rejects with `KeySetUnavailableError` when the fetch fails.
 *
 * @example
 * const keys: RemoteKeySet = createRemoteKeySet(jwksUrl);
 * await keys.refresh();
 */
export type RemoteKeySet = KeyResolver & { refresh(): Promise<void> };

/** The outcome of one fetch: when it started, and why it failed (`ok: false`). */
type Fetched =
  | { readonly at: number; readonly ok: true }
  | { readonly at: number; readonly ok: false; readonly failure: unknown };

/**
 * A key resolver that fetches the auth server's JWKS (`/.well-known/jwks.json`) and caches it.
 *
 * - A known `kid` is answered from the cache; once the cache is older than `cacheMaxAgeSeconds` a
 *   background refetch starts (the answer does not wait for it).
 * - An unknown `kid` (a rotated-in key) refetches, but only when the last fetch is older than
 *   `cooldownSeconds`, so a flood of made-up `kid`s cannot turn into a flood of fetches.
 * - Concurrent lookups share one in-flight fetch.
 * - A failed fetch keeps the cached keys serving. A `kid` still unknown after a failed fetch throws
 *   `KeySetUnavailableError` (an outage: answer 503), while a `kid` absent from a successfully
 *   fetched set resolves to `null` (the token is refused: 401).
 *
 * Keys a verifier cannot use (another `alg`, `use: "enc"`, no `kid`, `oct`) are skipped; a set
 * publishing a private key is refused whole, as a failed fetch. Bad options throw `TypeError`.
 *
 * @example
 * const keys = createRemoteKeySet('https://auth.example.com/.well-known/jwks.json');
 * const claims = await verifyAccessToken(token, { keys, issuer, audience });
 */
export function createRemoteKeySet(url: string | URL, options: RemoteKeySetOptions = {}): RemoteKeySet {
  const jwksUrl = checkUrl(url);
  const cacheMaxAgeMs = secondsOption(options.cacheMaxAgeSeconds, 300, 'cacheMaxAgeSeconds') * 1000;
  const cooldownMs = secondsOption(options.cooldownSeconds, 30, 'cooldownSeconds') * 1000;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError('options.timeoutMs must be a positive integer of milliseconds.');
  }
  const fetchJwks = options.fetch ?? globalThis.fetch;
  if (typeof fetchJwks !== 'function') throw new TypeError('options.fetch must be a function.');
  const now = options.now ?? (() => new Date());
  if (typeof now !== 'function') throw new TypeError('options.now must be a function returning a Date.');

  let keys = new Map<string, VerificationKey>();
  let loadedAt: number | null = null;
  let lastFetch: Fetched | null = null;
  let inFlight: Promise<Fetched> | null = null;

  function fetchOnce(): Promise<Fetched> {
    inFlight ??= (async (): Promise<Fetched> => {
      const startedAt = now().getTime();
      let fetched: Fetched;
      try {
        keys = await download(jwksUrl, fetchJwks, timeoutMs);
        loadedAt = startedAt;
        fetched = { at: startedAt, ok: true };
      } catch (failure) {
        fetched = { at: startedAt, ok: false, failure };
      }
      lastFetch = fetched;
      inFlight = null;
      return fetched;
    })();
    return inFlight;
  }

  /** A key already held, refetching in the background once stale; `undefined` when not held. */
  function findHeldKey(kid: string): VerificationKey | undefined {
    const cached = keys.get(kid);
    if (cached === undefined) return undefined;
    const at = now().getTime();
    if (loadedAt !== null && at - loadedAt >= cacheMaxAgeMs && inFlight === null && cooledDown(at)) {
      void fetchOnce(); // never rejects: failures are recorded, and the cache keeps serving
    }
    return cached;
  }

  async function resolve(kid: string): Promise<VerificationKey | null> {
    const cached = findHeldKey(kid);
    if (cached !== undefined) return cached;
    const at = now().getTime();
    const fetched = inFlight ?? (cooledDown(at) ? fetchOnce() : null);
    const outcome = fetched === null ? lastFetch : await fetched;
    const found = keys.get(kid);
    if (found !== undefined) return found;
    if (outcome !== null && !outcome.ok) {
      throw new KeySetUnavailableError(
        'The key set could not be fetched, and the token names a key not in the cache.',
        outcome.failure,
      );
    }
    return null;
  }

  function cooledDown(at: number): boolean {
    return lastFetch === null || at - lastFetch.at >= cooldownMs;
  }

  async function refresh(): Promise<void> {
    const outcome = await fetchOnce();
    if (!outcome.ok) {
      throw new KeySetUnavailableError('The key set could not be fetched.', outcome.failure);
    }
  }

  // A known kid is answered without waiting, so verifyAccessToken need not await this resolver.
  registerHeldKeyLookup(resolve, findHeldKey);
  return Object.assign(resolve, { refresh });
}

/** Fetches, parses and imports a JWKS; throws on any problem (the caller records it as a failure). */
async function download(
  url: URL,
  fetchJwks: typeof fetch,
  timeoutMs: number,
): Promise<Map<string, VerificationKey>> {
  const response = await fetchJwks(url, {
    headers: { accept: 'application/jwk-set+json, application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`The key set answered HTTP ${response.status}.`);
  }
  const text = await response.text();
  if (text.length > MAX_JWKS_BYTES) throw new Error('The key set is too large.');
  const jwks: unknown = JSON.parse(text);
  const members = isPlainObject(jwks) ? jwks['keys'] : undefined;
  if (!Array.isArray(members)) throw new Error('The key set is not a JWK set.');
  // Classify every key before importing any: a private key anywhere refuses the whole set.
  const verdicts = members.map((jwk) => readVerificationJwk(jwk, { allowSymmetric: false }));
  const usable = new Map<string, Extract<JwkVerdict, { kind: 'usable' }>>();
  for (const verdict of verdicts) {
    if (verdict.kind === 'usable' && !usable.has(verdict.kid)) usable.set(verdict.kid, verdict);
  }
  const imported = await Promise.all([...usable.values()].map(importVerificationJwk));
  return new Map(imported.map((key) => [key.kid, key]));
}

function checkUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError('The key set URL is not a valid URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError('The key set URL must be http(s).');
  }
  return parsed;
}

function secondsOption(value: number | undefined, fallback: number, name: string): number {
  const seconds = value ?? fallback;
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new TypeError(`options.${name} must be a non-negative number of seconds.`);
  return seconds;
}
