import type { AuditEvent, AuditQuery } from '@tessera/core/store';
import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, distantPastInstant, makeAuditEvent, T0, uniqueId } from './fixtures.js';

const everything: AuditQuery = { userId: null, type: null, before: null, limit: 100 };

/**
 * Conformance cases for `AuditStore`.
 *
 * @example
 * for (const c of auditCases) it(c.name, () => c.run(store));
 */
export const auditCases: readonly ConformanceCase[] = [
  {
    name: 'audit: insertAuditEvent then listAuditEvents returns every field, detail included',
    async run(store) {
      const userId = uniqueId('user');
      const full = makeAuditEvent({
        type: 'login.failed',
        at: addSeconds(T0, 1),
        userId,
        sessionId: uniqueId('session'),
        ip: '198.51.100.4',
        userAgent: 'Mozilla/5.0 “ünïcode”',
        detail: { reason: 'wrong_password', attempt: 3, ratio: 0.5, throttled: false, emailKnown: null },
      });
      const bare = makeAuditEvent({ type: 'logout', at: addSeconds(T0, 2), userId });
      await store.insertAuditEvent(full);
      await store.insertAuditEvent(bare);
      const listed = await store.listAuditEvents({ ...everything, userId });
      assert.deepEqual(listed, [bare, full]);
      assert.ok(listed[1]?.at instanceof Date);
    },
  },
  {
    name: 'audit: listAuditEvents for a user is newest first, ties in insertion order reversed',
    async run(store) {
      const userId = uniqueId('user');
      const first = makeAuditEvent({ userId, at: addSeconds(T0, 10) });
      const third = makeAuditEvent({ userId, at: addSeconds(T0, 30) });
      const second = makeAuditEvent({ userId, at: addSeconds(T0, 20) });
      const alsoSecond = makeAuditEvent({ userId, at: addSeconds(T0, 20) });
      for (const event of [first, third, second, alsoSecond]) await store.insertAuditEvent(event);
      await store.insertAuditEvent(makeAuditEvent({ userId: uniqueId('user'), at: addSeconds(T0, 25) }));
      assert.deepEqual(await store.listAuditEvents({ ...everything, userId }), [
        third,
        alsoSecond,
        second,
        first,
      ]);
    },
  },
  {
    name: 'audit: type, before (strictly older) and limit filter a user’s events',
    async run(store) {
      const userId = uniqueId('user');
      const events: AuditEvent[] = [
        makeAuditEvent({ userId, type: 'login.failed', at: addSeconds(T0, 1) }),
        makeAuditEvent({ userId, type: 'login.succeeded', at: addSeconds(T0, 2) }),
        makeAuditEvent({ userId, type: 'login.failed', at: addSeconds(T0, 3) }),
        makeAuditEvent({ userId, type: 'logout', at: addSeconds(T0, 4) }),
        makeAuditEvent({ userId, type: 'login.failed', at: addSeconds(T0, 5) }),
      ];
      for (const event of events) await store.insertAuditEvent(event);
      const [e1, e2, e3, e4, e5] = events as [AuditEvent, AuditEvent, AuditEvent, AuditEvent, AuditEvent];
      const query = { ...everything, userId };
      assert.deepEqual(await store.listAuditEvents({ ...query, type: 'login.failed' }), [e5, e3, e1]);
      assert.deepEqual(await store.listAuditEvents({ ...query, before: e4.at }), [e3, e2, e1]);
      assert.deepEqual(await store.listAuditEvents({ ...query, limit: 2 }), [e5, e4]);
      assert.deepEqual(await store.listAuditEvents({ ...query, limit: 0 }), []);
      assert.deepEqual(
        await store.listAuditEvents({ ...query, type: 'login.failed', before: e5.at, limit: 1 }),
        [e3],
      );
      assert.deepEqual(await store.listAuditEvents({ ...query, type: 'password.changed' }), []);
      assert.deepEqual(await store.listAuditEvents({ ...query, userId: uniqueId('user') }), []);
    },
  },
  {
    name: 'audit: with userId null, events of every user and of no user match',
    async run(store) {
      // Events in a random distant-past window, so `before` + `limit` select exactly these in a shared database.
      const at = distantPastInstant();
      const anonymous = makeAuditEvent({ type: 'login.throttled', at, userId: null });
      const someone = makeAuditEvent({
        type: 'login.throttled',
        at: addSeconds(at, 1),
        userId: uniqueId('u'),
      });
      const other = makeAuditEvent({ type: 'login.failed', at: addSeconds(at, 2), userId: uniqueId('u') });
      for (const event of [anonymous, someone, other]) await store.insertAuditEvent(event);
      const before = addSeconds(at, 3);
      assert.deepEqual(await store.listAuditEvents({ ...everything, before, limit: 3 }), [
        other,
        someone,
        anonymous,
      ]);
      assert.deepEqual(
        await store.listAuditEvents({ ...everything, type: 'login.throttled', before, limit: 2 }),
        [someone, anonymous],
      );
    },
  },
  {
    name: 'audit: a negative or fractional limit rejects with TypeError',
    async run(store) {
      await assert.rejects(store.listAuditEvents({ ...everything, limit: -1 }), TypeError);
      await assert.rejects(store.listAuditEvents({ ...everything, limit: 1.5 }), TypeError);
    },
  },
];
