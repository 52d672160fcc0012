import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, distantPastInstant, makeSession, makeUser, storeUser, T0 } from './fixtures.js';

// Ids compared as sets: the contract does not order the result of deleteUserSessions.
function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

/**
 * Conformance cases for `SessionStore`.
 *
 * @example
 * for (const c of sessionCases) it(c.name, () => c.run(store));
 */
export const sessionCases: readonly ConformanceCase[] = [
  {
    name: 'sessions: insertSession then getSession returns every field (Dates, strings and nulls)',
    async run(store) {
      const user = await storeUser(store);
      const full = makeSession(user.id, {
        secretHash: '0f'.repeat(32),
        createdAt: addSeconds(T0, 1),
        lastSeenAt: addSeconds(T0, 2),
        idleExpiresAt: addSeconds(T0, 3),
        absoluteExpiresAt: addSeconds(T0, 4),
        ip: '2001:db8::1',
        userAgent: 'curl/8.0 “quoted” ünïcode',
        transport: 'jwt-cookie',
      });
      const bare = makeSession(user.id, { ip: null, userAgent: null, transport: 'bearer' });
      await store.insertSession(full);
      await store.insertSession(bare);
      const gotFull = await store.getSession(full.id);
      assert.deepEqual(gotFull, full);
      // deepEqual compares Dates by getTime() and also checks they are Dates, not numbers or strings.
      assert.ok(gotFull.createdAt instanceof Date);
      assert.equal(gotFull.absoluteExpiresAt.getTime(), full.absoluteExpiresAt.getTime());
      assert.deepEqual(await store.getSession(bare.id), bare);
    },
  },
  {
    name: 'sessions: authenticatedAt and amr round-trip, and updateSessionAuthentication replaces only them',
    async run(store) {
      const user = await storeUser(store);
      const session = makeSession(user.id, {
        authenticatedAt: addSeconds(T0, 5),
        amr: ['pwd', 'otp', 'mfa'],
      });
      const other = makeSession(user.id, { amr: ['fed'] });
      await store.insertSession(session);
      await store.insertSession(other);
      assert.deepEqual(await store.getSession(session.id), session);
      await store.updateSessionAuthentication(session.id, addSeconds(T0, 60), ['pwd']);
      assert.deepEqual(await store.getSession(session.id), {
        ...session,
        authenticatedAt: addSeconds(T0, 60),
        amr: ['pwd'],
      });
      assert.deepEqual(await store.getSession(other.id), other);
      // An unknown session: nothing happens, nothing is created.
      await store.updateSessionAuthentication('no-such-session', addSeconds(T0, 60), ['pwd']);
      assert.equal(await store.getSession('no-such-session'), null);
      await assert.rejects(store.updateSessionAuthentication(session.id, addSeconds(T0, 61), []), TypeError);
      await assert.rejects(
        store.insertSession(makeSession(user.id, { amr: ['password' as 'pwd'] })),
        TypeError,
      );
    },
  },
  {
    name: 'sessions: every transport round-trips',
    async run(store) {
      const user = await storeUser(store);
      for (const transport of ['cookie', 'jwt-cookie', 'bearer'] as const) {
        const session = makeSession(user.id, { transport });
        await store.insertSession(session);
        assert.equal((await store.getSession(session.id))?.transport, transport);
      }
    },
  },
  {
    name: 'sessions: an unknown id resolves null',
    async run(store) {
      assert.equal(await store.getSession(makeSession('nobody').id), null);
    },
  },
  {
    name: 'sessions: insertSession rejects a duplicate id and a session of an unknown user',
    async run(store) {
      const user = await storeUser(store);
      const session = makeSession(user.id);
      await store.insertSession(session);
      await assert.rejects(store.insertSession({ ...session, secretHash: 'b'.repeat(64) }));
      assert.deepEqual(await store.getSession(session.id), session);
      const orphan = makeSession(makeUser().id);
      await assert.rejects(store.insertSession(orphan));
      assert.equal(await store.getSession(orphan.id), null);
    },
  },
  {
    name: 'sessions: updateSessionActivity sets lastSeenAt and idleExpiresAt and nothing else',
    async run(store) {
      const user = await storeUser(store);
      const session = makeSession(user.id);
      const other = makeSession(user.id);
      await store.insertSession(session);
      await store.insertSession(other);
      const lastSeenAt = addSeconds(T0, 600);
      const idleExpiresAt = addSeconds(T0, 7800);
      await store.updateSessionActivity(session.id, lastSeenAt, idleExpiresAt);
      assert.deepEqual(await store.getSession(session.id), { ...session, lastSeenAt, idleExpiresAt });
      assert.deepEqual(await store.getSession(other.id), other);
      // Unknown ids are a no-op, not an error: the session may have been revoked a moment ago.
      await store.updateSessionActivity(makeSession(user.id).id, lastSeenAt, idleExpiresAt);
    },
  },
  {
    name: 'sessions: updateSessionSecretHash sets the hash and nothing else',
    async run(store) {
      const user = await storeUser(store);
      const session = makeSession(user.id);
      await store.insertSession(session);
      await store.updateSessionSecretHash(session.id, 'c'.repeat(64));
      assert.deepEqual(await store.getSession(session.id), { ...session, secretHash: 'c'.repeat(64) });
      await store.updateSessionSecretHash(makeSession(user.id).id, 'd'.repeat(64));
    },
  },
  {
    name: 'sessions: deleteSession resolves true, then false, and the session is gone',
    async run(store) {
      const user = await storeUser(store);
      const session = makeSession(user.id);
      const other = makeSession(user.id);
      await store.insertSession(session);
      await store.insertSession(other);
      assert.equal(await store.deleteSession(session.id), true);
      assert.equal(await store.getSession(session.id), null);
      assert.equal(await store.deleteSession(session.id), false);
      assert.deepEqual(await store.getSession(other.id), other);
    },
  },
  {
    name: 'sessions: deleteUserSessions without an exception deletes exactly that user’s sessions',
    async run(store) {
      const user = await storeUser(store);
      const neighbour = await storeUser(store);
      const own = [makeSession(user.id), makeSession(user.id), makeSession(user.id)];
      const theirs = makeSession(neighbour.id);
      for (const session of [...own, theirs]) await store.insertSession(session);
      const deleted = await store.deleteUserSessions(user.id, null);
      assert.deepEqual(sorted(deleted), sorted(own.map((session) => session.id)));
      assert.deepEqual(await store.listUserSessions(user.id), []);
      assert.deepEqual(await store.getSession(theirs.id), theirs);
      assert.deepEqual(await store.deleteUserSessions(user.id, null), []);
    },
  },
  {
    name: 'sessions: deleteUserSessions with an exception keeps that one and resolves the others’ ids',
    async run(store) {
      const user = await storeUser(store);
      const neighbour = await storeUser(store);
      const current = makeSession(user.id);
      const others = [makeSession(user.id), makeSession(user.id)];
      const theirs = makeSession(neighbour.id);
      for (const session of [current, ...others, theirs]) await store.insertSession(session);
      const deleted = await store.deleteUserSessions(user.id, current.id);
      assert.deepEqual(sorted(deleted), sorted(others.map((session) => session.id)));
      assert.deepEqual(await store.listUserSessions(user.id), [current]);
      assert.deepEqual(await store.listUserSessions(neighbour.id), [theirs]);
      // Another user's session id as the exception protects nothing of this user and deletes nothing of theirs.
      const next = makeSession(user.id);
      await store.insertSession(next);
      assert.deepEqual(
        sorted(await store.deleteUserSessions(user.id, theirs.id)),
        sorted([current.id, next.id]),
      );
      assert.deepEqual(await store.getSession(theirs.id), theirs);
    },
  },
  {
    name: 'sessions: listUserSessions lists that user’s sessions oldest first, expired ones included',
    async run(store) {
      const user = await storeUser(store);
      const neighbour = await storeUser(store);
      const middle = makeSession(user.id, { createdAt: addSeconds(T0, 20) });
      const newest = makeSession(user.id, { createdAt: addSeconds(T0, 30) });
      const expired = makeSession(user.id, {
        createdAt: addSeconds(T0, -7200),
        lastSeenAt: addSeconds(T0, -7200),
        idleExpiresAt: addSeconds(T0, -1),
      });
      const oldest = makeSession(user.id, { createdAt: addSeconds(T0, 10) });
      for (const session of [middle, newest, expired, oldest]) await store.insertSession(session);
      await store.insertSession(makeSession(neighbour.id, { createdAt: addSeconds(T0, 15) }));
      assert.deepEqual(await store.listUserSessions(user.id), [expired, oldest, middle, newest]);
      assert.deepEqual(await store.listUserSessions(makeUser().id), []);
    },
  },
  {
    name: 'sessions: deleteExpiredSessions drops idle- or absolute-expired sessions (at or before now) and counts them',
    async run(store) {
      // A distant-past `now`, so sessions of other cases sharing the database are never expired by it.
      const now = distantPastInstant();
      const user = await storeUser(store);
      const base = { createdAt: addSeconds(now, -3600), lastSeenAt: addSeconds(now, -60) };
      const idleExpired = makeSession(user.id, {
        ...base,
        idleExpiresAt: addSeconds(now, -1),
        absoluteExpiresAt: addSeconds(now, 86_400),
      });
      const idleExpiresNow = makeSession(user.id, {
        ...base,
        idleExpiresAt: now,
        absoluteExpiresAt: addSeconds(now, 86_400),
      });
      const absoluteExpired = makeSession(user.id, {
        ...base,
        idleExpiresAt: addSeconds(now, 3600),
        absoluteExpiresAt: now,
      });
      const live = makeSession(user.id, {
        ...base,
        idleExpiresAt: new Date(now.getTime() + 1),
        absoluteExpiresAt: addSeconds(now, 86_400),
      });
      for (const session of [idleExpired, idleExpiresNow, absoluteExpired, live]) {
        await store.insertSession(session);
      }
      assert.equal(await store.deleteExpiredSessions(now), 3);
      assert.deepEqual(await store.listUserSessions(user.id), [live]);
      assert.equal(await store.deleteExpiredSessions(now), 0);
      // Leave nothing a later run with a later random `now` would count.
      assert.equal(await store.deleteSession(live.id), true);
    },
  },
  {
    name: 'sessions: countLiveSessions counts sessions of every user whose both expiries are after now',
    async run(store) {
      // Other cases may share the database: compare against the count before, not against zero.
      const now = distantPastInstant();
      const before = await store.countLiveSessions(now);
      const [alice, bob] = [await storeUser(store), await storeUser(store)];
      const base = { createdAt: addSeconds(now, -3600), lastSeenAt: addSeconds(now, -60) };
      const later = addSeconds(now, 86_400);
      const sessions = [
        makeSession(alice.id, { ...base, idleExpiresAt: addSeconds(now, 60), absoluteExpiresAt: later }),
        makeSession(bob.id, {
          ...base,
          idleExpiresAt: new Date(now.getTime() + 1),
          absoluteExpiresAt: later,
        }),
        // Idle expiry at now, absolute expiry at now, both past: none is live.
        makeSession(alice.id, { ...base, idleExpiresAt: now, absoluteExpiresAt: later }),
        makeSession(bob.id, { ...base, idleExpiresAt: later, absoluteExpiresAt: now }),
        makeSession(bob.id, { ...base, idleExpiresAt: addSeconds(now, -1), absoluteExpiresAt: later }),
      ];
      for (const session of sessions) await store.insertSession(session);
      assert.equal(await store.countLiveSessions(now), before + 2);
      for (const session of sessions) await store.deleteSession(session.id);
      assert.equal(await store.countLiveSessions(now), before);
    },
  },
];
