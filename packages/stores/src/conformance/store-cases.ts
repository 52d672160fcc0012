import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeAuditEvent, makeSession, makeUser, storeUser, T0, uniqueId } from './fixtures.js';

/**
 * Conformance cases for the store as a whole: liveness, and records that never alias the store's own.
 *
 * @example
 * for (const c of storeCases) it(c.name, () => c.run(store));
 */
export const storeCases: readonly ConformanceCase[] = [
  {
    name: 'store: ping resolves',
    async run(store) {
      await store.ping();
    },
  },
  {
    name: 'store: mutating a record after inserting it does not change the stored one',
    async run(store) {
      const user = makeUser({ roles: ['admin'] });
      const expectedUser = { ...user, roles: [...user.roles], createdAt: new Date(user.createdAt) };
      await store.insertUser(user);
      user.roles.push('root');
      user.createdAt.setTime(0);
      user.passwordHash = 'changed';
      assert.deepEqual(await store.getUserById(expectedUser.id), expectedUser);

      const session = makeSession(user.id, { lastSeenAt: new Date(T0) });
      const expectedSession = { ...session, lastSeenAt: new Date(T0) };
      await store.insertSession(session);
      session.lastSeenAt.setTime(0);
      session.secretHash = 'changed';
      assert.deepEqual(await store.getSession(session.id), expectedSession);

      const event = makeAuditEvent({ userId: uniqueId('user'), at: new Date(T0), detail: { a: 1 } });
      const expectedEvent = { ...event, at: new Date(T0), detail: { a: 1 } };
      await store.insertAuditEvent(event);
      event.at.setTime(0);
      event.detail['a'] = 2;
      assert.deepEqual(
        await store.listAuditEvents({ userId: event.userId, type: null, before: null, limit: 10 }),
        [expectedEvent],
      );
    },
  },
  {
    name: 'store: mutating a returned record does not change the stored one',
    async run(store) {
      const user = await storeUser(store, { roles: ['admin'], disabledAt: addSeconds(T0, 5) });
      const gotUser = await store.getUserById(user.id);
      assert.ok(gotUser);
      gotUser.roles.push('root');
      gotUser.createdAt.setTime(0);
      gotUser.disabledAt?.setTime(0);
      gotUser.email = 'changed@example.test';
      const byEmail = await store.getUserByEmail(user.email);
      assert.ok(byEmail);
      byEmail.roles.length = 0;
      assert.deepEqual(await store.getUserById(user.id), user);
      assert.deepEqual(await store.getUserByEmail(user.email), user);

      const session = makeSession(user.id);
      await store.insertSession(session);
      const gotSession = await store.getSession(session.id);
      assert.ok(gotSession);
      gotSession.idleExpiresAt.setTime(0);
      gotSession.userId = 'someone-else';
      const listed = await store.listUserSessions(user.id);
      listed[0]?.createdAt.setTime(0);
      listed.pop();
      assert.deepEqual(await store.getSession(session.id), session);
      assert.deepEqual(await store.listUserSessions(user.id), [session]);

      const key = uniqueId('counter');
      const state = await store.incrementCounter(key, 1, 900, T0);
      assert.ok(state);
      state.expiresAt.setTime(0);
      state.count = 99;
      assert.deepEqual(await store.getCounter(key, T0), { count: 1, expiresAt: addSeconds(T0, 900) });

      const event = makeAuditEvent({ userId: user.id, detail: { a: 1 } });
      await store.insertAuditEvent(event);
      const query = { userId: user.id, type: null, before: null, limit: 10 };
      const [gotEvent] = await store.listAuditEvents(query);
      assert.ok(gotEvent);
      gotEvent.at.setTime(0);
      gotEvent.detail['a'] = 2;
      assert.deepEqual(await store.listAuditEvents(query), [event]);
    },
  },
];
