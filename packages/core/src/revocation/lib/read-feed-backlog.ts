import type { Clock } from '../../clock.js';
import type { RevocationEntry, RevocationStore } from '../../store/revocation-store.js';
import type { DeliveryWindow } from './delivery-window.js';

/** Entries asked of the log in one read. */
export const FEED_PAGE_SIZE = 1000;

/**
 * Reads the durable log after the window's cursor, page by page until a page comes back short, and
 * hands each page to `deliver` (which moves the cursor on). Resolves with the number of entries read:
 * the whole backlog at start-up, or what arrived since the last poll.
 */
export async function readFeedBacklog(
  store: RevocationStore,
  window: DeliveryWindow,
  clock: Clock,
  deliver: (page: readonly RevocationEntry[]) => void,
): Promise<number> {
  let read = 0;
  for (;;) {
    const page = await store.listRevocations(window.cursor, clock.now(), FEED_PAGE_SIZE);
    deliver(page);
    read += page.length;
    if (page.length < FEED_PAGE_SIZE) return read;
  }
}
