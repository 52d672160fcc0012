import type { TesseraStore } from '@tessera/core';
import type { RevocationEntry } from '@tessera/core/store';
import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, distantPastInstant, makeRevocation, T0 } from './fixtures.js';

// Cases run one at a time, so everything appended after a fresh marker is the case's own, even when
// other cases' entries share the database: listing after the marker's cursor sees exactly those.
async function appendMarker(store: TesseraStore): Promise<string> {
  const [marker] = await store.appendRevocations([makeRevocation()]);
  assert.ok(marker);
  return marker.cursor;
}

// Cursors are opaque, but they sort in append order as plain strings (code-unit order).
function assertIncreasing(cursors: readonly string[]): void {
  for (let index = 1; index < cursors.length; index += 1) {
    const previous = cursors[index - 1] ?? '';
    const current = cursors[index] ?? '';
    assert.ok(previous < current, `cursor ${current} should sort after ${previous}`);
  }
}

function withoutCursor(entry: RevocationEntry): Omit<RevocationEntry, 'cursor'> {
  return { sessionId: entry.sessionId, revokedAt: entry.revokedAt, expiresAt: entry.expiresAt };
}

/**
 * Conformance cases for `RevocationStore`: the durable log the revocation feed is built on. Followers
 * resume from a cursor, so the cases hold cursors to never skipping, repeating or reordering an entry.
 *
 * @example
 * for (const c of revocationCases) it(c.name, () => c.run(store));
 */
export const revocationCases: readonly ConformanceCase[] = [
  {
    name: 'revocations: appendRevocations resolves the entries in order, each with an increasing cursor',
    async run(store) {
      const entries = [
        makeRevocation({ revokedAt: addSeconds(T0, 2), expiresAt: addSeconds(T0, 902) }),
        makeRevocation({ revokedAt: addSeconds(T0, 1), expiresAt: addSeconds(T0, 901) }),
        makeRevocation({ revokedAt: addSeconds(T0, 3), expiresAt: addSeconds(T0, 903) }),
      ];
      const marker = await appendMarker(store);
      const appended = await store.appendRevocations(entries);
      assert.deepEqual(appended.map(withoutCursor), entries);
      assert.ok(appended[0]?.revokedAt instanceof Date);
      assertIncreasing([marker, ...appended.map((entry) => entry.cursor)]);
      assert.deepEqual(await store.listRevocations(marker, T0, 10), appended);
      assert.deepEqual(await store.appendRevocations([]), []);
    },
  },
  {
    name: 'revocations: cursors of later appends sort after earlier ones, past a change in digit count too',
    async run(store) {
      // Enough single appends that a fresh store's positions go from one digit to two.
      const cursors: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        const [entry] = await store.appendRevocations([makeRevocation()]);
        assert.ok(entry);
        cursors.push(entry.cursor);
      }
      const batch = await store.appendRevocations([makeRevocation(), makeRevocation()]);
      cursors.push(...batch.map((entry) => entry.cursor));
      assertIncreasing(cursors);
      assert.deepEqual([...cursors].sort(), cursors);
    },
  },
  {
    name: 'revocations: listRevocations after null starts from the beginning, oldest first',
    async run(store) {
      const appended = await store.appendRevocations([makeRevocation(), makeRevocation()]);
      const later = await store.appendRevocations([makeRevocation()]);
      const own = new Set([...appended, ...later].map((entry) => entry.sessionId));
      const listed = await store.listRevocations(null, T0, 100_000);
      assertIncreasing(listed.map((entry) => entry.cursor));
      assert.deepEqual(
        listed.filter((entry) => own.has(entry.sessionId)),
        [...appended, ...later],
      );
      // The very first live entry of the log comes first.
      assert.deepEqual(await store.listRevocations(null, T0, 1), listed.slice(0, 1));
    },
  },
  {
    name: 'revocations: listRevocations after a cursor returns exactly the later entries, at most limit',
    async run(store) {
      const marker = await appendMarker(store);
      const appended = await store.appendRevocations([
        makeRevocation(),
        makeRevocation(),
        makeRevocation(),
        makeRevocation(),
      ]);
      const [a, b, c, d] = appended as [RevocationEntry, RevocationEntry, RevocationEntry, RevocationEntry];
      assert.deepEqual(await store.listRevocations(marker, T0, 10), [a, b, c, d]);
      assert.deepEqual(await store.listRevocations(a.cursor, T0, 10), [b, c, d]);
      // Paging: each page resumes after the last cursor of the one before.
      assert.deepEqual(await store.listRevocations(marker, T0, 2), [a, b]);
      assert.deepEqual(await store.listRevocations(b.cursor, T0, 2), [c, d]);
      assert.deepEqual(await store.listRevocations(d.cursor, T0, 2), []);
      assert.deepEqual(await store.listRevocations(marker, T0, 0), []);
    },
  },
  {
    name: 'revocations: listRevocations leaves out entries expired at now (at or before), and limit counts the rest',
    async run(store) {
      const marker = await appendMarker(store);
      const appended = await store.appendRevocations([
        makeRevocation({ expiresAt: addSeconds(T0, 10) }),
        makeRevocation({ expiresAt: addSeconds(T0, 30) }),
        makeRevocation({ expiresAt: addSeconds(T0, 20) }),
        makeRevocation({ expiresAt: addSeconds(T0, 40) }),
      ]);
      const [in10, in30, in20, in40] = appended as [
        RevocationEntry,
        RevocationEntry,
        RevocationEntry,
        RevocationEntry,
      ];
      assert.deepEqual(await store.listRevocations(marker, T0, 10), [in10, in30, in20, in40]);
      assert.deepEqual(await store.listRevocations(marker, addSeconds(T0, 20), 10), [in30, in40]);
      assert.deepEqual(await store.listRevocations(marker, new Date(addSeconds(T0, 20).getTime() - 1), 10), [
        in30,
        in20,
        in40,
      ]);
      // Expired entries do not use up the limit.
      assert.deepEqual(await store.listRevocations(marker, addSeconds(T0, 10), 1), [in30]);
      assert.deepEqual(await store.listRevocations(marker, addSeconds(T0, 40), 10), []);
    },
  },
  {
    name: 'revocations: deleteExpiredRevocations drops entries expired at or before now and counts them',
    async run(store) {
      // A distant-past `now`, so entries of other cases sharing the database are never expired by it.
      const now = distantPastInstant();
      const revokedAt = addSeconds(now, -900);
      const appended = await store.appendRevocations([
        makeRevocation({ revokedAt, expiresAt: addSeconds(now, -1) }),
        makeRevocation({ revokedAt, expiresAt: new Date(now.getTime() + 1) }),
        makeRevocation({ revokedAt, expiresAt: now }),
      ]);
      const [, live] = appended as [RevocationEntry, RevocationEntry, RevocationEntry];
      const first = appended[0]?.cursor ?? '';
      assert.equal(await store.deleteExpiredRevocations(now), 2);
      // Read at an earlier instant, the deleted entries would be live: they are gone, not filtered.
      assert.deepEqual(await store.listRevocations(first, addSeconds(now, -3600), 10), [live]);
      assert.deepEqual((await store.listRevocations(null, addSeconds(now, -3600), 100_000)).at(-1), live);
      assert.equal(await store.deleteExpiredRevocations(now), 0);
      // Leave nothing a later run with a later random `now` would count.
      assert.equal(await store.deleteExpiredRevocations(new Date(now.getTime() + 1)), 1);
    },
  },
  {
    name: 'revocations: a cursor from before deleteExpiredRevocations still resumes after its position',
    async run(store) {
      const now = distantPastInstant();
      const revokedAt = addSeconds(now, -900);
      const [a, b] = (await store.appendRevocations([
        makeRevocation({ revokedAt, expiresAt: now }),
        makeRevocation({ revokedAt, expiresAt: now }),
      ])) as [RevocationEntry, RevocationEntry];
      const [c, d] = (await store.appendRevocations([
        makeRevocation({ revokedAt, expiresAt: addSeconds(now, 3600) }),
        makeRevocation({ revokedAt, expiresAt: addSeconds(now, 3600) }),
      ])) as [RevocationEntry, RevocationEntry];
      // A follower last saw `a`, then `a` and `b` were swept.
      assert.equal(await store.deleteExpiredRevocations(now), 2);
      assert.deepEqual(await store.listRevocations(a.cursor, now, 10), [c, d]);
      assert.deepEqual(await store.listRevocations(b.cursor, now, 10), [c, d]);
      assert.deepEqual(await store.listRevocations(c.cursor, now, 10), [d]);
      assert.equal(await store.deleteExpiredRevocations(addSeconds(now, 3600)), 2);
    },
  },
  {
    name: 'revocations: once the newest entries are swept, new cursors still sort after theirs (never reused)',
    async run(store) {
      const now = distantPastInstant();
      const swept = await store.appendRevocations([
        makeRevocation({ revokedAt: now, expiresAt: now }),
        makeRevocation({ revokedAt: now, expiresAt: now }),
      ]);
      const lastSwept = swept.at(-1)?.cursor ?? '';
      assert.equal(await store.deleteExpiredRevocations(now), 2);
      // A follower that had read up to the swept entries must see what comes next: a reused position
      // (the next rowid after the largest *remaining* one, say) would sort before its cursor and be skipped.
      const [next] = await store.appendRevocations([
        makeRevocation({ revokedAt: now, expiresAt: addSeconds(now, 60) }),
      ]);
      assert.ok(next);
      assertIncreasing([lastSwept, next.cursor]);
      assert.deepEqual(await store.listRevocations(lastSwept, now, 10), [next]);
      assert.equal(await store.deleteExpiredRevocations(addSeconds(now, 60)), 1);
    },
  },
  {
    name: 'revocations: 10 concurrent appends of 3 get 30 distinct cursors, each batch in order',
    async run(store) {
      const marker = await appendMarker(store);
      const batches = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.appendRevocations([makeRevocation(), makeRevocation(), makeRevocation()]),
        ),
      );
      for (const batch of batches) assertIncreasing(batch.map((entry) => entry.cursor));
      const all = batches.flat();
      assert.equal(new Set(all.map((entry) => entry.cursor)).size, 30);
      const byCursor = [...all].sort((x, y) => (x.cursor < y.cursor ? -1 : 1));
      assert.deepEqual(await store.listRevocations(marker, T0, 100), byCursor);
    },
  },
  {
    name: 'revocations: a decimal cursor never handed out is a position; any other string rejects with TypeError',
    async run(store) {
      const marker = await appendMarker(store);
      const [entry] = await store.appendRevocations([makeRevocation()]);
      assert.ok(entry);
      // Before every entry: the same as null.
      assert.deepEqual(await store.listRevocations('0', T0, 1), await store.listRevocations(null, T0, 1));
      // Past every entry (a cursor from another deployment, or a log that was reset): nothing yet.
      assert.deepEqual(await store.listRevocations('9'.repeat(30), T0, 10), []);
      assert.deepEqual(await store.listRevocations(String(Number.MAX_SAFE_INTEGER), T0, 10), []);
      for (const garbage of ['', 'abc', '-1', '1.5', ' 1', '1e3', '0x10', `${marker}!`]) {
        await assert.rejects(store.listRevocations(garbage, T0, 10), TypeError, JSON.stringify(garbage));
      }
      await assert.rejects(store.listRevocations(42 as unknown as string, T0, 10), TypeError);
      assert.deepEqual(await store.listRevocations(marker, T0, 10), [entry]);
    },
  },
  {
    name: 'revocations: a bad limit or Date rejects with TypeError, and a batch with one bad entry appends nothing',
    async run(store) {
      await assert.rejects(store.listRevocations(null, T0, -1), TypeError);
      await assert.rejects(store.listRevocations(null, T0, 1.5), TypeError);
      await assert.rejects(store.listRevocations(null, new Date(Number.NaN), 10), TypeError);
      await assert.rejects(store.deleteExpiredRevocations(new Date(Number.NaN)), TypeError);
      const marker = await appendMarker(store);
      await assert.rejects(
        store.appendRevocations([makeRevocation(), makeRevocation({ expiresAt: new Date(Number.NaN) })]),
        TypeError,
      );
      await assert.rejects(
        store.appendRevocations([makeRevocation({ revokedAt: new Date(Number.NaN) })]),
        TypeError,
      );
      assert.deepEqual(await store.listRevocations(marker, T0, 10), []);
    },
  },
  {
    name: 'revocations: mutating an appended or a listed entry does not change the stored one',
    async run(store) {
      const marker = await appendMarker(store);
      const input = makeRevocation({ revokedAt: addSeconds(T0, 1), expiresAt: addSeconds(T0, 901) });
      const [appended] = await store.appendRevocations([input]);
      assert.ok(appended);
      const expected = { ...appended, revokedAt: addSeconds(T0, 1), expiresAt: addSeconds(T0, 901) };
      input.revokedAt.setTime(0);
      input.expiresAt.setTime(0);
      appended.expiresAt.setTime(0);
      appended.sessionId = 'changed';
      const [listed] = await store.listRevocations(marker, T0, 10);
      assert.deepEqual(listed, expected);
      listed.revokedAt.setTime(0);
      assert.deepEqual(await store.listRevocations(marker, T0, 10), [expected]);
    },
  },
];
