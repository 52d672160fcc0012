import type { RevocationEntry, RevocationStore } from '../store.js';
import { addSeconds } from '../session/index.js';

/** Called with entries as they are appended, in order. */
export type RevocationListener = (entries: readonly RevocationEntry[]) => void;

/**
 * The revocation feed: every revocation is appended to a durable, cursor-ordered log (the store)
 * and pushed to in-process listeners at once. Followers in other processes resume from a cursor
 * (`list`), so a disconnect never leaves a gap. An entry is kept until no access token of its
 * session can still be valid: the longest access-token lifetime plus the clock leeway.
 */
export class RevocationFeed {
  readonly #store: RevocationStore;
  readonly #retentionSeconds: number;
  readonly #listeners = new Set<RevocationListener>();

  constructor(store: RevocationStore, retentionSeconds: number) {
    if (!Number.isSafeInteger(retentionSeconds) || retentionSeconds <= 0) {
      throw new TypeError('retentionSeconds must be a positive integer');
    }
    this.#store = store;
    this.#retentionSeconds = retentionSeconds;
  }

  /**
   * Appends revocations of these sessions and notifies listeners.
   *
   * @example
   * await feed.publish([session.id], clock.now());
   */
  async publish(sessionIds: readonly string[], revokedAt: Date): Promise<RevocationEntry[]> {
    if (sessionIds.length === 0) return [];
    const expiresAt = addSeconds(revokedAt, this.#retentionSeconds);
    const entries = await this.#store.appendRevocations(
      sessionIds.map((sessionId) => ({ sessionId, revokedAt, expiresAt })),
    );
    for (const listener of this.#listeners) listener(entries);
    return entries;
  }

  /** Entries after `cursor` (from the oldest still relevant when `null`). */
  list(afterCursor: string | null, now: Date, limit: number): Promise<RevocationEntry[]> {
    return this.#store.listRevocations(afterCursor, now, limit);
  }

  /** Registers a listener for new entries; returns the function that removes it. */
  subscribe(listener: RevocationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
