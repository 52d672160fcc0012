import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore } from '@tessera/stores/memory';
import { TestClock } from '../../lib/create-test-deps.fixture.js';
import type { RevocationEntry } from '../../store/revocation-store.js';
import { DeliveryWindow } from './delivery-window.js';
import { FEED_PAGE_SIZE, readFeedBacklog } from './read-feed-backlog.js';

describe('readFeedBacklog', () => {
  it('reads every page after the cursor until a short one, and only what came since on the next call', async () => {
    const clock = new TestClock();
    const store = createMemoryStore();
    const expiresAt = new Date(clock.now().getTime() + 60_000);
    const append = (count: number, prefix: string) =>
      store.appendRevocations(
        Array.from({ length: count }, (_, index) => ({
          sessionId: `${prefix}${index}`,
          revokedAt: clock.now(),
          expiresAt,
        })),
      );
    await append(2 * FEED_PAGE_SIZE + 5, 'a');
    const window = new DeliveryWindow();
    const pages: number[] = [];
    const delivered: RevocationEntry[] = [];
    const deliver = (page: readonly RevocationEntry[]) => {
      pages.push(page.length);
      delivered.push(...window.admit(page, true));
    };
    assert.equal(await readFeedBacklog(store, window, clock, deliver), 2 * FEED_PAGE_SIZE + 5);
    assert.deepEqual(pages, [FEED_PAGE_SIZE, FEED_PAGE_SIZE, 5]);
    assert.equal(window.cursor, delivered.at(-1)?.cursor);

    await append(3, 'b');
    pages.length = 0;
    assert.equal(await readFeedBacklog(store, window, clock, deliver), 3);
    assert.deepEqual(pages, [3]);
    assert.deepEqual(
      delivered.slice(-4).map((entry) => entry.sessionId),
      ['a2004', 'b0', 'b1', 'b2'],
    );
  });
});
