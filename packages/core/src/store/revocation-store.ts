/**
 * One revoked session in the revocation log (the feed verifiers follow).
 *
 * @example
 * const entries: RevocationEntry[] = await store.listRevocations(cursor, new Date(), 1000);
 * cursor = entries.at(-1)?.cursor ?? cursor;
 */
export interface RevocationEntry {
  /** Position in the log; opaque, ordered, resumable (`listRevocations(after)`). */
  cursor: string;
  sessionId: string;
  revokedAt: Date;
  /** After this instant no access token of the session can still be valid: the entry can go. */
  expiresAt: Date;
}

/**
 * The durable revocation log behind the feed.
 *
 * @example
 * const log: RevocationStore = store;
 * const [entry] = await log.appendRevocations([{ sessionId, revokedAt: now, expiresAt: new Date(now.getTime() + 960_000) }]);
 * const later = await log.listRevocations(entry?.cursor ?? null, now, 1000);
 */
export interface RevocationStore {
  /** Appends entries in order and resolves them with their cursors. */
  appendRevocations(entries: readonly Omit<RevocationEntry, 'cursor'>[]): Promise<RevocationEntry[]>;
  /**
   * Entries strictly after `afterCursor` (from the start when `null`), oldest first, at most
   * `limit`, leaving out those expired at `now`. A cursor that is not of the form this store hands
   * out rejects with `TypeError` (the feed answers such a `Last-Event-ID` 400).
   */
  listRevocations(afterCursor: string | null, now: Date, limit: number): Promise<RevocationEntry[]>;
  /** Drops entries expired at `now`; resolves how many. */
  deleteExpiredRevocations(now: Date): Promise<number>;
}

/**
 * A revocation log that pushes: a follower waits for entries after its cursor instead of polling.
 * Implemented by stores shared between instances (Redis Streams); each instance follows it.
 *
 * @example
 * if (isRevocationStream(store)) {
 *   const entries = await store.readRevocations(cursor, new Date(), 1000, 5000); // waits up to 5 s
 * }
 */
export interface RevocationStream {
  /**
   * Entries after `afterCursor` (every live one when `null`), oldest first, at most `limit`,
   * leaving out those expired at `now`; when there are none yet, waits up to `blockMs` for one to
   * arrive and resolves `[]` on timeout. Rejects with `StoreUnavailableError` when unreachable.
   */
  readRevocations(
    afterCursor: string | null,
    now: Date,
    limit: number,
    blockMs: number,
  ): Promise<RevocationEntry[]>;
}

/**
 * True when a store can push revocations to followers (see `RevocationStream`).
 *
 * @example
 * if (isRevocationStream(store)) await feed.start();
 */
export function isRevocationStream(store: object): store is RevocationStream {
  return typeof (store as Partial<RevocationStream>).readRevocations === 'function';
}

/**
 * The method names of `RevocationStore`, checked complete by the compiler: what `composeStore` forwards to
 * the part that serves them.
 *
 * @example
 * Object.keys(revocationStoreMethods); // ['appendRevocations', …]
 */
export const revocationStoreMethods = {
  appendRevocations: true,
  listRevocations: true,
  deleteExpiredRevocations: true,
} as const satisfies Record<keyof RevocationStore, true>;
