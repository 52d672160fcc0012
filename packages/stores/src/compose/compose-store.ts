import type { TesseraStore } from '@tessera/core';
import type { RevocationStream, TesseraStoreParts } from '@tessera/core/store';
import { isRevocationStream, tesseraStoreParts } from '@tessera/core/store';

/**
 * What a part may have besides its store methods; `composeStore` pings and closes the parts that do.
 *
 * @example
 * const audit: AuditStore & StorePartLifecycle = { insertAuditEvent, listAuditEvents, close: () => pool.end() };
 * const store = composeStore({ base, audit }); // store.close() ends the pool too
 */
export interface StorePartLifecycle {
  ping?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * The parts `composeStore` puts together: `base` serves every part not given. Any part of
 * `TesseraStoreParts` may be given; shared deployments give `counters` and `revocations`.
 *
 * @example
 * const parts: ComposeStoreParts = {
 *   base: await openPostgresStore({ connectionString }),
 *   counters: createRedisCounterStore(client, { prefix: 'tessera' }),
 *   revocations: createRedisRevocationStore(client, { prefix: 'tessera' }),
 * };
 * const store = composeStore(parts);
 */
export type ComposeStoreParts = {
  /** Users, sessions, keys and audit, and whatever no other part takes. */
  base: TesseraStore;
  /** The revocation log, ideally one that pushes (e.g. `createRedisRevocationStore`). */
  revocations?: TesseraStoreParts['revocations'] & Partial<RevocationStream> & StorePartLifecycle;
} & {
  [Part in Exclude<keyof TesseraStoreParts, 'revocations'>]?: TesseraStoreParts[Part] & StorePartLifecycle;
};

type Method = (...args: unknown[]) => unknown;

/**
 * One `TesseraStore` made of parts: each part's calls (see `tesseraStoreParts`) go to the part given
 * under its name, or to `base` when none is. It has `readRevocations` exactly when the part serving
 * revocations has it, so `isRevocationStream` tells the truth about the whole. `ping` pings every
 * distinct part (a part given twice is pinged once) and rejects if any does; `close` closes every
 * distinct part once, even when one of them fails, and is idempotent.
 *
 * Ownership: the composed store owns its parts (its `close` closes them), not what the parts were built
 * on: a Redis client passed to the Redis stores is still the caller's to close, after this store.
 *
 * @example
 * const store = composeStore({
 *   base: await openPostgresStore({ connectionString }),
 *   counters: createRedisCounterStore(client, { prefix: 'tessera' }),
 *   revocations: createRedisRevocationStore(client, { prefix: 'tessera' }),
 * });
 */
export function composeStore(parts: ComposeStoreParts): TesseraStore & Partial<RevocationStream> {
  const { base } = parts;
  if (typeof (base as unknown) !== 'object' || (base as unknown) === null)
    throw new TypeError('composeStore: base must be a store.');
  const methods: Record<string, Method> = {};
  const distinctParts = new Set<StorePartLifecycle>([base]);
  for (const [name, partMethods] of Object.entries(tesseraStoreParts)) {
    const part: object = parts[name as keyof TesseraStoreParts] ?? base;
    for (const method of Object.keys(partMethods)) methods[method] = forward(part, method, name);
    distinctParts.add(part);
  }
  let closing: Promise<void> | null = null;
  const store = {
    ...methods,
    async ping() {
      await Promise.all(
        [...distinctParts].map((part) => (part.ping === undefined ? Promise.resolve() : part.ping())),
      );
    },
    close() {
      closing ??= closeAll([...distinctParts]);
      return closing;
    },
  } as unknown as TesseraStore;
  const revocations = parts.revocations ?? base;
  if (!isRevocationStream(revocations)) return store;
  return {
    ...store,
    readRevocations: forward(revocations, 'readRevocations', 'revocations'),
  } as TesseraStore & RevocationStream;
}

// Looks the method up on each call, and calls it on its part (`this` is the part, as before composing).
function forward(part: object, method: string, name: string): Method {
  const target = part as Record<string, Method | undefined>;
  if (typeof target[method] !== 'function') {
    throw new TypeError(`composeStore: ${name} must have ${method}().`);
  }
  return (...args) => Reflect.apply(target[method] as Method, part, args);
}

// Every part is closed even when an earlier one fails; the first failure is reported.
async function closeAll(parts: readonly StorePartLifecycle[]): Promise<void> {
  const results = await Promise.allSettled(
    parts.map((part) => (part.close === undefined ? Promise.resolve() : part.close())),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}
