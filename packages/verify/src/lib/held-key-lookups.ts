import type { KeyResolver } from '../key-resolver.js';
import type { VerificationKey } from '../verification-key.js';

/**
 * A key set's synchronous view of the keys it already holds: the key, `null` when the set knows
 * for certain there is none, or `undefined` when only the asynchronous resolver can answer (a
 * remote set that would fetch for an unknown `kid`).
 */
export type HeldKeyLookup = (kid: string) => VerificationKey | null | undefined;

/** Our own key sets, with their synchronous views; a caller's resolver is never in here. */
const heldKeyLookups = new WeakMap<KeyResolver, HeldKeyLookup>();

/**
 * Records that `resolver` answers `lookup`'s keys without waiting, so `verifyAccessToken` can
 * verify with them and hand back one settled promise instead of awaiting the resolver's.
 *
 * @example
 * registerHeldKeyLookup(resolve, (kid) => keys.get(kid) ?? null);
 */
export function registerHeldKeyLookup(resolver: KeyResolver, lookup: HeldKeyLookup): void {
  heldKeyLookups.set(resolver, lookup);
}

/**
 * The synchronous view registered for a resolver, if it is one of ours.
 *
 * @example
 * const lookup = findHeldKeyLookup(options.keys);
 */
export function findHeldKeyLookup(resolver: KeyResolver): HeldKeyLookup | undefined {
  return heldKeyLookups.get(resolver);
}
