import type { TesseraStore } from '@tessera/core';

/**
 * One store conformance check, kept as data so every store's test file can loop over the same list.
 * `run` rejects (an `AssertionError`) when the store breaks the contract.
 *
 * @example
 * for (const c of conformanceCases) it(c.name, () => c.run(store));
 */
export interface ConformanceCase {
  name: string;
  run(store: TesseraStore): Promise<void>;
}
