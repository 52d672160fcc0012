import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore } from '@tessera/stores/memory';
import { loginWithPassword } from '../account/login-with-password.js';
import { addUser, createTestDeps, ORIGIN, PASSWORD, TestClock } from '../lib/create-test-deps.fixture.js';
import type { RevocationEntry } from '../store/revocation-store.js';
import { readFeedEntry } from './feed-entry.js';
import { RevocationFeed } from './revocation-feed.js';

const RETENTION_SECONDS = 60;

function newFeed(options: { store?: ReturnType<typeof createMemoryStore>; lifetimeSeconds?: number } = {}) {
  const clock = new TestClock();
  const store = options.store ?? createMemoryStore();
  const feed = new RevocationFeed(store, RETENTION_SECONDS, {
    clock,
    ...(options.lifetimeSeconds === undefined ? {} : { sessionLifetimeSeconds: options.lifetimeSeconds }),
  });
  const delivered: RevocationEntry[] = [];
  feed.subscribe((entries) => delivered.push(...entries));
  return { feed, clock, store, delivered };
}

const ids = (entries: readonly RevocationEntry[]) => entries.map((entry) => entry.sessionId);

describe('RevocationFeed', () => {
  it('delivers what is published to every listener, once, in order; unsubscribing stops it', async () => {
    const { feed, clock, delivered } = newFeed();
    const second: string[] = [];
    const unsubscribe = feed.subscribe((entries) => second.push(...ids(entries)));
    await feed.publish(['s1', 's2'], clock.now());
    unsubscribe();
    await feed.publish(['s3'], clock.now());
    await feed.publish([], clock.now());
    assert.deepEqual(ids(delivered), ['s1', 's2', 's3']);
    assert.deepEqual(second, ['s1', 's2']);
    assert.ok(delivered.every((entry) => entry.revokedAt.getTime() === clock.now().getTime()));
  });

  it('lists entries after a cursor, leaving out those past their retention', async () => {
    const { feed, clock } = newFeed();
    const [first] = await feed.publish(['s1'], clock.now());
    clock.advanceSeconds(30);
    await feed.publish(['s2', 's3'], clock.now());
    assert.deepEqual(ids(await feed.list(null, clock.now(), 10)), ['s1', 's2', 's3']);
    assert.deepEqual(ids(await feed.list(first!.cursor, clock.now(), 10)), ['s2', 's3']);
    assert.deepEqual(ids(await feed.list(null, clock.now(), 2)), ['s1', 's2']);
    clock.advanceSeconds(RETENTION_SECONDS - 30);
    assert.deepEqual(ids(await feed.list(null, clock.now(), 10)), ['s2', 's3'], 's1 has expired');
    clock.advanceSeconds(30);
    assert.deepEqual(await feed.list(null, clock.now(), 10), []);
  });

  it('keeps an undeleted session announced for the session lifetime, not the token retention', async () => {
    const { feed, clock } = newFeed({ lifetimeSeconds: 3600 });
    const [undeleted] = await feed.publishUndeleted(['s1'], clock.now());
    const [plain] = await feed.publish(['s2'], clock.now());
    assert.equal(undeleted!.expiresAt.getTime() - clock.now().getTime(), 3600_000);
    assert.equal(plain!.expiresAt.getTime() - clock.now().getTime(), RETENTION_SECONDS * 1000);
    clock.advanceSeconds(3599);
    assert.deepEqual(ids(await feed.list(null, clock.now(), 10)), ['s1']);
  });

  it('says which kind of change an entry is: changed sessions and users revoke nothing', async () => {
    const { feed, clock, delivered } = newFeed();
    await feed.publishSessionsChanged(['s1'], clock.now());
    await feed.publishUsersChanged(['u1'], clock.now());
    await feed.publish(['s2'], clock.now());
    assert.deepEqual(delivered.map(readFeedEntry), [
      { kind: 'session-changed', sessionId: 's1' },
      { kind: 'user-changed', userId: 'u1' },
      { kind: 'session-revoked', sessionId: 's2' },
    ]);
  });

  it('a new feed over the same log loads the live backlog once', async () => {
    const before = newFeed();
    await before.feed.publish(['old'], before.clock.now());
    before.clock.advanceSeconds(RETENTION_SECONDS);
    await before.feed.publish(['s1', 's2'], before.clock.now());
    // Its own appends read back from the log (as a polling instance does) are not delivered twice.
    await before.feed.loadBacklog();
    assert.deepEqual(ids(before.delivered), ['old', 's1', 's2']);

    const after = newFeed({ store: before.store });
    after.clock.advanceSeconds(RETENTION_SECONDS + 1);
    assert.equal(await after.feed.loadBacklog(), 2);
    assert.deepEqual(ids(after.delivered), ['s1', 's2']);
    assert.equal(await after.feed.loadBacklog(), 0, 'continues after what it has read');
    assert.deepEqual(ids(after.delivered), ['s1', 's2']);
  });

  it('refuses a retention, lifetime or poll interval that cannot work', () => {
    const store = createMemoryStore();
    const clock = new TestClock();
    assert.throws(() => new RevocationFeed(store, 0, { clock }), TypeError);
    assert.throws(() => new RevocationFeed(store, 1.5, { clock }), TypeError);
    assert.throws(() => new RevocationFeed(store, 60, { clock, sessionLifetimeSeconds: -1 }), TypeError);
    assert.throws(() => new RevocationFeed(store, 60, { clock, pollIntervalSeconds: 0 }), TypeError);
    assert.throws(() => new RevocationFeed(store, 60, { clock, pollIntervalSeconds: 61 }), TypeError);
    assert.equal(new RevocationFeed(store, 60, { clock, pollIntervalSeconds: 60 }).shared, false);
  });
});

describe('the revocation feed in the engine', () => {
  it('an engine started over the same store still refuses a revoked access token', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const { session } = await loginWithPassword(t.deps, {
      email: alice.email,
      password: PASSWORD,
      transport: 'bearer',
      presentedSession: null,
      origin: ORIGIN,
    });
    const access = await t.deps.tokens.issueAccessToken(alice, session);
    await t.deps.revocationFeed.publish([session.id], t.clock.now());

    const restarted = await createTestDeps({ store: t.store });
    await assert.rejects(restarted.deps.tokens.verifyAccessToken(access.token), {
      code: 'ERR_SESSION_REVOKED',
    });
  });

  it('a changed session drops the cached record without revoking it', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const { session } = await loginWithPassword(t.deps, {
      email: alice.email,
      password: PASSWORD,
      transport: 'cookie',
      presentedSession: null,
      origin: ORIGIN,
    });
    await t.deps.sessionCache.getSession(session.id);
    assert.equal((await t.deps.sessionCache.getSession(session.id)).cached, true);
    await t.deps.revocationFeed.publishSessionsChanged([session.id], t.clock.now());
    const read = await t.deps.sessionCache.getSession(session.id);
    assert.equal(read.cached, false);
    assert.equal(read.record?.id, session.id, 'still a live session');
  });
});
