// RevocationFeed's polling (core) against real stores: two connections to one SQLite file stand for
// the CLI and a running server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { systemClock } from '@tessera/core';
import { RevocationFeed } from '@tessera/core/revocation';
import type { RevocationEntry } from '@tessera/core/store';
import { createMemoryStore } from '../memory/create-memory-store.js';
import { openSqliteStore } from './open-sqlite-store.js';

/** Resolves once `entries` holds `count` entries, or rejects after a bound (a stuck test, not a timing). */
function waitFor(entries: RevocationEntry[], count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (entries.length >= count) resolve();
      else if (Date.now() > deadline) reject(new Error(`only ${entries.length} of ${count} entries arrived`));
      else setTimeout(check, 5);
    };
    check();
  });
}

describe('RevocationFeed polling a store that cannot push', () => {
  it('delivers entries another connection appended, once each, and its own appends once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-feed-'));
    const writerStore = openSqliteStore({ path: join(dir, 'tessera.db') });
    const store = openSqliteStore({ path: join(dir, 'tessera.db') });
    const writer = new RevocationFeed(writerStore, 900, { clock: systemClock });
    const follower = new RevocationFeed(store, 900, { clock: systemClock, pollIntervalSeconds: 0.01 });
    const received: RevocationEntry[] = [];
    follower.subscribe((entries) => received.push(...entries));
    follower.start();
    try {
      await writer.publish(['session-a', 'session-b'], systemClock.now());
      await waitFor(received, 2);
      await follower.publish(['session-c'], systemClock.now());
      await writer.publish(['session-d'], systemClock.now());
      await waitFor(received, 4);
      // Several more polls: nothing is delivered twice.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(
        received.map((entry) => entry.sessionId),
        ['session-a', 'session-b', 'session-c', 'session-d'],
      );
    } finally {
      await follower.stop();
      await store.close();
      await writerStore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not poll without pollIntervalSeconds, and refuses a bad interval', async () => {
    const store = createMemoryStore();
    const writer = new RevocationFeed(store, 900, { clock: systemClock });
    const idle = new RevocationFeed(store, 900, { clock: systemClock });
    const received: RevocationEntry[] = [];
    idle.subscribe((entries) => received.push(...entries));
    idle.start();
    await writer.publish(['session-a'], systemClock.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(received, []);
    await idle.stop();
    await store.close();
    for (const pollIntervalSeconds of [0, -1, Number.NaN, 61]) {
      assert.throws(
        () => new RevocationFeed(store, 900, { clock: systemClock, pollIntervalSeconds }),
        TypeError,
      );
    }
  });

  it('keeps polling after failed reads and resumes from its cursor', async () => {
    const store = createMemoryStore();
    let failing = true;
    // The real store behind a switch that makes reads fail, as an unreachable database would.
    const flaky = {
      appendRevocations: store.appendRevocations.bind(store),
      deleteExpiredRevocations: store.deleteExpiredRevocations.bind(store),
      listRevocations: (after: string | null, now: Date, limit: number) =>
        failing ? Promise.reject(new Error('down')) : store.listRevocations(after, now, limit),
    };
    const writer = new RevocationFeed(store, 900, { clock: systemClock });
    const follower = new RevocationFeed(flaky, 900, { clock: systemClock, pollIntervalSeconds: 0.01 });
    const received: RevocationEntry[] = [];
    follower.subscribe((entries) => received.push(...entries));
    follower.start();
    try {
      await writer.publish(['session-a'], systemClock.now());
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(received.length, 0);
      failing = false;
      await waitFor(received, 1);
      assert.equal(received[0]?.sessionId, 'session-a');
    } finally {
      await follower.stop();
      await store.close();
    }
  });
});
