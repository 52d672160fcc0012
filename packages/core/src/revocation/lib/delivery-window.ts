import type { RevocationEntry } from '../../store/revocation-store.js';

/** How many recent cursors are remembered to deliver each entry once (own appends come back). */
const SEEN_CURSORS = 10_000;

/**
 * The revocation feed's place in the log and its once-only delivery: where reading resumes, and
 * which recent entries were already delivered (an instance's own appends are delivered at once,
 * then come back when the log is read).
 */
export class DeliveryWindow {
  readonly #seen = new Set<string>();
  #cursor: string | null = null;

  /** The last cursor the log itself returned: where the next read starts (`null`: the oldest entry). */
  get cursor(): string | null {
    return this.#cursor;
  }

  /** The entries not delivered before, now counted as delivered; `fromLog` entries also move the cursor. */
  admit(entries: readonly RevocationEntry[], fromLog: boolean): RevocationEntry[] {
    const fresh = entries.filter((entry) => !this.#seen.has(entry.cursor));
    // Cursors are opaque: the last entry the log itself returned is where reading resumes.
    const last = entries[entries.length - 1];
    if (fromLog && last !== undefined) this.#cursor = last.cursor;
    if (fresh.length === 0) return fresh;
    for (const entry of fresh) this.#seen.add(entry.cursor);
    if (this.#seen.size > SEEN_CURSORS) {
      const excess = this.#seen.size - SEEN_CURSORS;
      let index = 0;
      for (const cursor of this.#seen) {
        if (index++ >= excess) break;
        this.#seen.delete(cursor);
      }
    }
    return fresh;
  }
}
