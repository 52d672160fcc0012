import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, T0, uniqueId } from './fixtures.js';

/**
 * Conformance cases for `CounterStore`. Time only moves through the `now` argument, never the wall clock.
 *
 * @example
 * for (const c of counterCases) it(c.name, () => c.run(store));
 */
export const counterCases: readonly ConformanceCase[] = [
  {
    name: 'counters: a positive delta on a missing key creates it with the window starting at now',
    async run(store) {
      const key = uniqueId('counter');
      assert.equal(await store.getCounter(key, T0), null);
      assert.deepEqual(await store.incrementCounter(key, 3, 900, T0), {
        count: 3,
        expiresAt: addSeconds(T0, 900),
      });
      assert.deepEqual(await store.getCounter(key, addSeconds(T0, 899)), {
        count: 3,
        expiresAt: addSeconds(T0, 900),
      });
    },
  },
  {
    name: 'counters: later increments add up and never extend the window',
    async run(store) {
      const key = uniqueId('counter');
      await store.incrementCounter(key, 1, 900, T0);
      assert.deepEqual(await store.incrementCounter(key, 1, 900, addSeconds(T0, 300)), {
        count: 2,
        expiresAt: addSeconds(T0, 900),
      });
      // A different windowSeconds on a live counter changes nothing either: the window is set on creation.
      assert.deepEqual(await store.incrementCounter(key, 5, 60, addSeconds(T0, 899)), {
        count: 7,
        expiresAt: addSeconds(T0, 900),
      });
    },
  },
  {
    name: 'counters: a negative or zero delta on a missing key resolves null and creates nothing',
    async run(store) {
      const key = uniqueId('counter');
      assert.equal(await store.incrementCounter(key, -1, 900, T0), null);
      assert.equal(await store.incrementCounter(key, 0, 900, T0), null);
      assert.equal(await store.getCounter(key, T0), null);
      // Had a row been created at 0 or -1, this would not start from 0.
      assert.deepEqual(await store.incrementCounter(key, 1, 900, T0), {
        count: 1,
        expiresAt: addSeconds(T0, 900),
      });
    },
  },
  {
    name: 'counters: a negative delta on a live counter decrements it and keeps the window',
    async run(store) {
      const key = uniqueId('counter');
      await store.incrementCounter(key, 5, 900, T0);
      assert.deepEqual(await store.incrementCounter(key, -2, 900, addSeconds(T0, 10)), {
        count: 3,
        expiresAt: addSeconds(T0, 900),
      });
      assert.deepEqual(await store.incrementCounter(key, 0, 900, addSeconds(T0, 20)), {
        count: 3,
        expiresAt: addSeconds(T0, 900),
      });
      assert.deepEqual(await store.getCounter(key, addSeconds(T0, 30)), {
        count: 3,
        expiresAt: addSeconds(T0, 900),
      });
    },
  },
  {
    name: 'counters: a counter expires at its expiresAt, then behaves as missing and restarts from 0',
    async run(store) {
      const key = uniqueId('counter');
      await store.incrementCounter(key, 4, 900, T0);
      const expiry = addSeconds(T0, 900);
      assert.equal(await store.getCounter(key, expiry), null);
      assert.equal(await store.incrementCounter(key, -1, 900, expiry), null);
      assert.equal(await store.getCounter(key, expiry), null);
      assert.deepEqual(await store.incrementCounter(key, 2, 60, expiry), {
        count: 2,
        expiresAt: addSeconds(expiry, 60),
      });
      // The earlier `now` of a lagging caller does not resurrect the old window.
      assert.deepEqual(await store.getCounter(key, addSeconds(expiry, 59)), {
        count: 2,
        expiresAt: addSeconds(expiry, 60),
      });
    },
  },
  {
    name: 'counters: deleteCounter removes the counter and is a no-op on a missing key',
    async run(store) {
      const key = uniqueId('counter');
      const other = uniqueId('counter');
      await store.incrementCounter(key, 3, 900, T0);
      await store.incrementCounter(other, 1, 900, T0);
      await store.deleteCounter(key);
      assert.equal(await store.getCounter(key, T0), null);
      await store.deleteCounter(key);
      assert.deepEqual(await store.incrementCounter(key, 1, 900, addSeconds(T0, 10)), {
        count: 1,
        expiresAt: addSeconds(T0, 910),
      });
      assert.equal((await store.getCounter(other, T0))?.count, 1);
    },
  },
  {
    name: 'counters: deleteExpiredCounters drops counters expired at or before now, keeps live ones',
    async run(store) {
      const expired = uniqueId('counter');
      const boundary = uniqueId('counter');
      const live = uniqueId('counter');
      await store.incrementCounter(expired, 1, 60, T0);
      await store.incrementCounter(boundary, 1, 120, T0);
      await store.incrementCounter(live, 1, 900, T0);
      const now = addSeconds(T0, 120);
      assert.ok((await store.deleteExpiredCounters(now)) >= 2);
      assert.equal(await store.getCounter(expired, T0), null, 'gone, even when read at an earlier instant');
      assert.equal(await store.getCounter(boundary, T0), null);
      assert.equal((await store.getCounter(live, now))?.count, 1);
      assert.equal(await store.deleteExpiredCounters(now), 0);
    },
  },
  {
    name: 'counters: 50 concurrent increments of one key end at exactly 50, one window',
    async run(store) {
      const key = uniqueId('counter');
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.incrementCounter(key, 1, 900, T0)),
      );
      const counts = results.map((state) => state?.count).sort((a, b) => (a ?? 0) - (b ?? 0));
      // Each call saw a distinct value: no two increments read the same previous count.
      assert.deepEqual(
        counts,
        Array.from({ length: 50 }, (_, index) => index + 1),
      );
      for (const state of results) assert.equal(state?.expiresAt.getTime(), addSeconds(T0, 900).getTime());
      assert.equal((await store.getCounter(key, T0))?.count, 50);
    },
  },
  {
    name: 'counters: a fractional delta or a non-positive window rejects with TypeError and stores nothing',
    async run(store) {
      const key = uniqueId('counter');
      await assert.rejects(store.incrementCounter(key, 1.5, 900, T0), TypeError);
      await assert.rejects(store.incrementCounter(key, 1, 0, T0), TypeError);
      await assert.rejects(store.incrementCounter(key, 1, -900, T0), TypeError);
      await assert.rejects(store.incrementCounter(key, 1, 900, new Date(Number.NaN)), TypeError);
      assert.equal(await store.getCounter(key, T0), null);
    },
  },
];
