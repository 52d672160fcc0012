import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionRecord } from '../store/session-store.js';
import type { TesseraStore } from '../store/tessera-store.js';
import type { UserRecord } from '../store/user-store.js';
import { SessionCache } from './session-cache.js';

const clock = { now: () => new Date(Date.UTC(2026, 0, 1)) };

function session(id: string): SessionRecord {
  const at = clock.now();
  return {
    id,
    secretHash: 'h',
    userId: 'u1',
    createdAt: at,
    lastSeenAt: at,
    idleExpiresAt: at,
    absoluteExpiresAt: at,
    ip: null,
    userAgent: null,
    transport: 'cookie',
    refreshTokenHash: null,
    previousRefreshTokenHash: null,
    refreshRotatedAt: null,
    refreshGeneration: 0,
    authenticatedAt: at,
    amr: ['pwd'],
  };
}

/** A store whose reads can be held open, to interleave an invalidation with a read in flight. */
function gatedStore(records: Map<string, SessionRecord>) {
  let release: (() => void) | null = null;
  let reads = 0;
  const store: Pick<TesseraStore, 'getSession' | 'getUserById'> = {
    async getSession(id) {
      reads += 1;
      const record = records.get(id) ?? null;
      if (release === null) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      return record;
    },
    getUserById: () => Promise.resolve<UserRecord | null>(null),
  };
  return { store, open: () => release?.(), reads: () => reads, gate: () => (release = null) };
}

describe('SessionCache', () => {
  it('serves a second read from memory', async () => {
    const records = new Map([['s1', session('s1')]]);
    let reads = 0;
    const cache = new SessionCache(
      {
        getSession: (id) => ((reads += 1), Promise.resolve(records.get(id) ?? null)),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
    );
    assert.equal((await cache.getSession('s1')).cached, false);
    assert.equal((await cache.getSession('s1')).cached, true);
    assert.equal(reads, 1);
  });

  it('a read in flight during an invalidation does not put the revoked record back (regression)', async () => {
    const records = new Map([['s1', session('s1')]]);
    const gated = gatedStore(records);
    const cache = new SessionCache(gated.store, clock, { maxSessions: 10, userTtlSeconds: 30 });
    const inFlight = cache.getSession('s1');
    await new Promise((resolve) => setImmediate(resolve));
    // Revoked (and deleted) while the read is still on its way back with the old record.
    records.delete('s1');
    cache.invalidateSession('s1');
    gated.open();
    assert.notEqual((await inFlight).record, null, 'the read itself answers what it saw');
    const next = await cache.getSession('s1');
    assert.equal(next.cached, false, 'but the cache did not keep it');
    assert.equal(next.record, null);
  });

  it('a read between the announcement of a revocation and the delete does not re-cache it (regression)', async () => {
    const records = new Map([['s1', session('s1')]]);
    let reads = 0;
    const cache = new SessionCache(
      {
        getSession: (id) => ((reads += 1), Promise.resolve(records.get(id) ?? null)),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
    );
    await cache.getSession('s1');
    cache.invalidateSession('s1'); // announced through the feed…
    assert.notEqual((await cache.getSession('s1')).record, null); // …read while the store still has it…
    records.delete('s1'); // …then deleted.
    const after = await cache.getSession('s1');
    assert.equal(after.record, null, 'the store is asked again, not a stale cache entry');
    assert.equal(reads, 3);
  });

  it('a revocation storm past the tombstone cap prunes now and then, not on every invalidation (issue 17)', async () => {
    // Every prune reads the clock once; so does every invalidation. Pruning on each invalidation
    // past the cap (100,000) walked every tombstone each time: 10⁶ revocations took minutes.
    let clockReads = 0;
    const countingClock = { now: () => ((clockReads += 1), clock.now()) };
    const records = new Map([['last', session('last')]]);
    const gated = gatedStore(records);
    const cache = new SessionCache(gated.store, countingClock, { maxSessions: 10, userTtlSeconds: 30 });
    const invalidations = 150_000;
    for (let i = 0; i < invalidations - 1; i += 1) cache.invalidateSession(`s${i}`);
    const prunes = clockReads - (invalidations - 1);
    assert.ok(prunes >= 1 && prunes <= 10, `${prunes} prunes for ${invalidations} invalidations`);
    // The newest tombstones still do their work: a read in flight is not cached.
    const inFlight = cache.getSession('last');
    await new Promise((resolve) => setImmediate(resolve));
    records.delete('last');
    cache.invalidateSession('last');
    gated.open();
    await inFlight;
    assert.equal((await cache.getSession('last')).record, null);
  });

  it('holds at most maxSessions, dropping the least recently used', async () => {
    const records = new Map(['a', 'b', 'c'].map((id) => [id, session(id)]));
    const cache = new SessionCache(
      {
        getSession: (id) => Promise.resolve(records.get(id) ?? null),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 2, userTtlSeconds: 30 },
    );
    await cache.getSession('a');
    await cache.getSession('b');
    await cache.getSession('a');
    await cache.getSession('c');
    assert.equal(cache.size, 2);
    assert.equal((await cache.getSession('a')).cached, true);
    assert.equal((await cache.getSession('b')).cached, false);
  });

  it('never drops a session used at least once per maxSessions / 2 new entries', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => `s${index}`);
    const records = new Map(ids.map((id) => [id, session(id)]));
    const cache = new SessionCache(
      {
        getSession: (id) => Promise.resolve(records.get(id) ?? null),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
    );
    await cache.getSession('s0');
    for (let index = 1; index < ids.length; index += 1) {
      await cache.getSession(ids[index] ?? '');
      if (index % 5 === 0) assert.equal((await cache.getSession('s0')).cached, true, `after ${index}`);
    }
    assert.equal(cache.size, 10);
    // One used less often than that is dropped like any other.
    assert.equal((await cache.getSession('s1')).cached, false);
  });

  it('is bypassed while disabled (feed lost) and starts empty when enabled again', async () => {
    const records = new Map([['s1', session('s1')]]);
    const cache = new SessionCache(
      {
        getSession: (id) => Promise.resolve(records.get(id) ?? null),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
    );
    await cache.getSession('s1');
    cache.setEnabled(false);
    assert.equal((await cache.getSession('s1')).cached, false);
    assert.equal((await cache.getSession('s1')).cached, false);
    cache.setEnabled(true);
    assert.equal((await cache.getSession('s1')).cached, false);
    assert.equal((await cache.getSession('s1')).cached, true);
  });

  it('drops a user on invalidateUser, so the next read sees its new roles', async () => {
    const user = (roles: string[]): UserRecord =>
      ({ id: 'u1', email: 'a@example.com', roles, disabledAt: null }) as unknown as UserRecord;
    let stored = user(['admin']);
    const cache = new SessionCache(
      { getSession: () => Promise.resolve(null), getUserById: () => Promise.resolve(stored) },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
    );
    assert.deepEqual((await cache.getUser('u1'))?.roles, ['admin']);
    stored = user([]);
    assert.deepEqual((await cache.getUser('u1'))?.roles, ['admin'], 'cached within userTtlSeconds');
    cache.invalidateUser('u1');
    assert.deepEqual((await cache.getUser('u1'))?.roles, []);
  });

  it('finds no session the revocation set holds, whatever the store says', async () => {
    const records = new Map([
      ['s1', session('s1')],
      ['s2', session('s2')],
    ]);
    const cache = new SessionCache(
      {
        getSession: (id) => Promise.resolve(records.get(id) ?? null),
        getUserById: () => Promise.resolve(null),
      },
      clock,
      { maxSessions: 10, userTtlSeconds: 30 },
      { isRevoked: (id) => id === 's1' },
    );
    assert.equal((await cache.getSession('s1')).record, null);
    assert.equal(await cache.readSession('s1'), null);
    assert.equal((await cache.getSession('s2')).record?.id, 's2');
  });
});
