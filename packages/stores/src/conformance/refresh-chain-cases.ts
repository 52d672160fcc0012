import type { TesseraStore } from '@tessera/core';
import type { RefreshChainState, SessionRecord } from '@tessera/core/store';
import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeSession, makeUser, storeUser, T0, uniqueHash } from './fixtures.js';

// A stored bearer session at the start of its chain: the token issued at login, generation 0.
async function storeChainedSession(
  store: TesseraStore,
  overrides: Partial<SessionRecord> = {},
): Promise<SessionRecord> {
  const user = await storeUser(store);
  const session = makeSession(user.id, { transport: 'bearer', refreshTokenHash: uniqueHash(), ...overrides });
  await store.insertSession(session);
  return session;
}

// The state one rotation of `session`'s current token writes.
function nextChainState(session: SessionRecord, rotatedAt: Date): RefreshChainState {
  return {
    refreshTokenHash: uniqueHash(),
    previousRefreshTokenHash: session.refreshTokenHash,
    refreshRotatedAt: rotatedAt,
    refreshGeneration: session.refreshGeneration + 1,
  };
}

/**
 * Conformance cases for the refresh-token chain of `SessionStore`, above all the compare-and-set that
 * keeps two concurrent refreshes from forking a chain (DESIGN §3.1, §5).
 *
 * @example
 * for (const c of refreshChainCases) it(c.name, () => c.run(store));
 */
export const refreshChainCases: readonly ConformanceCase[] = [
  {
    name: 'refresh chain: the four fields round-trip, null/0 without a chain and set with one',
    async run(store) {
      const user = await storeUser(store);
      const cookie = makeSession(user.id, { createdAt: addSeconds(T0, 1) });
      const chained = makeSession(user.id, {
        createdAt: addSeconds(T0, 2),
        transport: 'jwt-cookie',
        refreshTokenHash: uniqueHash(),
        previousRefreshTokenHash: uniqueHash(),
        refreshRotatedAt: addSeconds(T0, 3600),
        refreshGeneration: 7,
      });
      await store.insertSession(cookie);
      await store.insertSession(chained);
      const gotCookie = await store.getSession(cookie.id);
      assert.deepEqual(gotCookie, cookie);
      assert.equal(gotCookie.refreshTokenHash, null);
      assert.equal(gotCookie.refreshGeneration, 0);
      const gotChained = await store.getSession(chained.id);
      assert.deepEqual(gotChained, chained);
      assert.ok(gotChained.refreshRotatedAt instanceof Date);
      assert.deepEqual(await store.listUserSessions(user.id), [cookie, chained]);
    },
  },
  {
    name: 'refresh chain: activity and secret-hash updates leave the chain as it is',
    async run(store) {
      const session = await storeChainedSession(store, {
        previousRefreshTokenHash: uniqueHash(),
        refreshRotatedAt: addSeconds(T0, 60),
        refreshGeneration: 2,
      });
      const lastSeenAt = addSeconds(T0, 600);
      const idleExpiresAt = addSeconds(T0, 7800);
      await store.updateSessionActivity(session.id, lastSeenAt, idleExpiresAt);
      await store.updateSessionSecretHash(session.id, 'e'.repeat(64));
      assert.deepEqual(await store.getSession(session.id), {
        ...session,
        lastSeenAt,
        idleExpiresAt,
        secretHash: 'e'.repeat(64),
      });
    },
  },
  {
    name: 'refresh chain: rotateSessionRefreshToken with the current hash resolves true once and writes all four fields',
    async run(store) {
      const session = await storeChainedSession(store);
      // Same user, same current hash (never happens for real): the compare-and-set is per session id.
      const sibling = makeSession(session.userId, {
        transport: 'bearer',
        refreshTokenHash: session.refreshTokenHash,
      });
      await store.insertSession(sibling);
      const first = nextChainState(session, addSeconds(T0, 60));
      assert.equal(
        await store.rotateSessionRefreshToken(session.id, session.refreshTokenHash ?? '', first),
        true,
      );
      const rotated = { ...session, ...first };
      assert.deepEqual(await store.getSession(session.id), rotated);
      assert.deepEqual(await store.getSession(sibling.id), sibling);

      // The same token again (a replay, or the loser of a race) no longer matches: nothing changes.
      const replay = nextChainState(session, addSeconds(T0, 61));
      assert.equal(
        await store.rotateSessionRefreshToken(session.id, session.refreshTokenHash ?? '', replay),
        false,
      );
      assert.deepEqual(await store.getSession(session.id), rotated);

      // The chain goes on from the token that replaced it.
      const second = nextChainState(rotated, addSeconds(T0, 120));
      assert.equal(
        await store.rotateSessionRefreshToken(session.id, first.refreshTokenHash ?? '', second),
        true,
      );
      assert.deepEqual(await store.getSession(session.id), { ...session, ...second });
      assert.equal((await store.getSession(session.id))?.refreshGeneration, 2);
    },
  },
  {
    name: 'refresh chain: a wrong expected hash, or a session without a chain, resolves false and changes nothing',
    async run(store) {
      const session = await storeChainedSession(store);
      const next = nextChainState(session, addSeconds(T0, 60));
      assert.equal(await store.rotateSessionRefreshToken(session.id, uniqueHash(), next), false);
      // Hashes are compared exactly: no case folding, no prefix match.
      const current = session.refreshTokenHash ?? '';
      assert.equal(await store.rotateSessionRefreshToken(session.id, current.toUpperCase(), next), false);
      assert.equal(await store.rotateSessionRefreshToken(session.id, current.slice(0, 32), next), false);
      assert.equal(await store.rotateSessionRefreshToken(session.id, '', next), false);
      assert.deepEqual(await store.getSession(session.id), session);

      const user = await storeUser(store);
      const cookie = makeSession(user.id);
      await store.insertSession(cookie);
      assert.equal(await store.rotateSessionRefreshToken(cookie.id, uniqueHash(), next), false);
      assert.equal(await store.rotateSessionRefreshToken(cookie.id, '', next), false);
      assert.deepEqual(await store.getSession(cookie.id), cookie);
    },
  },
  {
    name: 'refresh chain: rotating an unknown session resolves false and creates nothing',
    async run(store) {
      const ghost = makeSession(makeUser().id);
      const next = nextChainState({ ...ghost, refreshTokenHash: uniqueHash() }, T0);
      assert.equal(await store.rotateSessionRefreshToken(ghost.id, uniqueHash(), next), false);
      assert.equal(await store.getSession(ghost.id), null);
    },
  },
  {
    name: 'refresh chain: 20 concurrent rotations of the same token: exactly one wins, the chain never forks',
    async run(store) {
      const session = await storeChainedSession(store);
      // Each racer proposes a different successor, so the stored one tells which racer won.
      const candidates = Array.from({ length: 20 }, (_, index) =>
        nextChainState(session, addSeconds(T0, 60 + index)),
      );
      const results = await Promise.all(
        candidates.map((next) =>
          store.rotateSessionRefreshToken(session.id, session.refreshTokenHash ?? '', next),
        ),
      );
      assert.equal(results.filter((won) => won).length, 1, `one winner, got ${String(results)}`);
      const winner = candidates[results.indexOf(true)];
      assert.deepEqual(await store.getSession(session.id), { ...session, ...winner });
    },
  },
  {
    name: 'refresh chain: invalid chain fields reject with TypeError on insert and rotation, and store nothing',
    async run(store) {
      const user = await storeUser(store);
      for (const bad of [
        { refreshGeneration: -1 },
        { refreshGeneration: 1.5 },
        { refreshGeneration: Number.NaN },
        { refreshRotatedAt: new Date(Number.NaN) },
      ] satisfies Partial<SessionRecord>[]) {
        const session = makeSession(user.id, { transport: 'bearer', refreshTokenHash: uniqueHash(), ...bad });
        await assert.rejects(store.insertSession(session), TypeError);
        assert.equal(await store.getSession(session.id), null);
      }

      const session = await storeChainedSession(store);
      const good = nextChainState(session, addSeconds(T0, 60));
      const current = session.refreshTokenHash ?? '';
      for (const next of [
        { ...good, refreshGeneration: -1 },
        { ...good, refreshGeneration: 0.5 },
        { ...good, refreshRotatedAt: new Date(Number.NaN) },
      ]) {
        await assert.rejects(store.rotateSessionRefreshToken(session.id, current, next), TypeError);
      }
      // A null expected hash is a caller bug, not "matches a session without a chain".
      await assert.rejects(
        store.rotateSessionRefreshToken(session.id, null as unknown as string, good),
        TypeError,
      );
      assert.deepEqual(await store.getSession(session.id), session);
    },
  },
  {
    name: 'refresh chain: mutating the rotation state or a returned session does not change the stored chain',
    async run(store) {
      const session = await storeChainedSession(store);
      const next = nextChainState(session, addSeconds(T0, 60));
      const expected = { ...session, ...next, refreshRotatedAt: addSeconds(T0, 60) };
      assert.equal(
        await store.rotateSessionRefreshToken(session.id, session.refreshTokenHash ?? '', next),
        true,
      );
      next.refreshRotatedAt?.setTime(0);
      next.refreshGeneration = 99;
      const got = await store.getSession(session.id);
      assert.deepEqual(got, expected);
      got.refreshRotatedAt.setTime(0);
      assert.deepEqual(await store.getSession(session.id), expected);
    },
  },
];
