import assert from 'node:assert/strict';
import type { PendingLoginRecord } from '@tessera/core/store';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, storeUser, T0, uniqueHash, uniqueId } from './fixtures.js';

function makePendingLogin(userId: string, overrides: Partial<PendingLoginRecord> = {}): PendingLoginRecord {
  return {
    id: uniqueId('pending'),
    secretHash: uniqueHash(),
    userId,
    transport: 'bearer',
    amr: ['pwd'],
    createdAt: T0,
    expiresAt: addSeconds(T0, 300),
    failures: 0,
    ...overrides,
  };
}

/**
 * Conformance cases for `SecondFactorStore` (TOTP factors, recovery codes) and `PendingLoginStore`.
 *
 * @example
 * for (const c of secondFactorCases) it(c.name, () => c.run(store));
 */
export const secondFactorCases: readonly ConformanceCase[] = [
  {
    name: 'totp: a pending secret becomes the confirmed one only through confirmTotp with the same pending secret',
    async run(store) {
      const user = await storeUser(store);
      assert.equal(await store.getTotpFactor(user.id), null);
      await store.setPendingTotp(user.id, 'sealed-1', addSeconds(T0, 1));
      assert.deepEqual(await store.getTotpFactor(user.id), {
        userId: user.id,
        sealedSecret: null,
        confirmedAt: null,
        lastStep: null,
        pendingSealedSecret: 'sealed-1',
        pendingCreatedAt: addSeconds(T0, 1),
      });
      assert.equal(await store.confirmTotp(user.id, 'sealed-other', addSeconds(T0, 2), 10), false);
      assert.equal(await store.confirmTotp(user.id, 'sealed-1', addSeconds(T0, 2), 10), true);
      assert.equal(await store.confirmTotp(user.id, 'sealed-1', addSeconds(T0, 3), 11), false);
      assert.deepEqual(await store.getTotpFactor(user.id), {
        userId: user.id,
        sealedSecret: 'sealed-1',
        confirmedAt: addSeconds(T0, 2),
        lastStep: 10,
        pendingSealedSecret: null,
        pendingCreatedAt: null,
      });
      // A new enrolment leaves the confirmed secret in force until it is confirmed itself.
      await store.setPendingTotp(user.id, 'sealed-2', addSeconds(T0, 4));
      const both = await store.getTotpFactor(user.id);
      assert.equal(both === null ? null : both.sealedSecret, 'sealed-1');
      assert.equal(both === null ? null : both.pendingSealedSecret, 'sealed-2');
      assert.equal(await store.confirmTotp(user.id, 'sealed-2', addSeconds(T0, 5), 12), true);
      assert.equal((await store.getTotpFactor(user.id))?.sealedSecret, 'sealed-2');
    },
  },
  {
    name: 'totp: acceptTotpStep accepts each step once, never an older one, and only for the expected secret',
    async run(store) {
      const user = await storeUser(store);
      await store.setPendingTotp(user.id, 'sealed', T0);
      assert.equal(await store.acceptTotpStep(user.id, 'sealed', 5), false, 'not confirmed yet');
      await store.confirmTotp(user.id, 'sealed', T0, 100);
      assert.equal(await store.acceptTotpStep(user.id, 'sealed', 100), false, 'the confirming step is spent');
      assert.equal(await store.acceptTotpStep(user.id, 'sealed', 101), true);
      assert.equal(await store.acceptTotpStep(user.id, 'sealed', 101), false);
      assert.equal(await store.acceptTotpStep(user.id, 'sealed', 100), false);
      assert.equal(await store.acceptTotpStep(user.id, 'other', 102), false);
      assert.equal(await store.acceptTotpStep('nobody', 'sealed', 102), false);
      assert.equal((await store.getTotpFactor(user.id))?.lastStep, 101);
      await assert.rejects(store.acceptTotpStep(user.id, 'sealed', -1), TypeError);
      await assert.rejects(store.acceptTotpStep(user.id, 'sealed', 1.5), TypeError);
    },
  },
  {
    name: 'totp: 10 concurrent acceptances of one step: exactly one wins',
    async run(store) {
      const user = await storeUser(store);
      await store.setPendingTotp(user.id, 'sealed', T0);
      await store.confirmTotp(user.id, 'sealed', T0, 1);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.acceptTotpStep(user.id, 'sealed', 2)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    },
  },
  {
    name: 'totp: deleteTotpFactor removes the factor and resolves whether there was one',
    async run(store) {
      const user = await storeUser(store);
      assert.equal(await store.deleteTotpFactor(user.id), false);
      await store.setPendingTotp(user.id, 'sealed', T0);
      await store.confirmTotp(user.id, 'sealed', T0, 1);
      assert.equal(await store.deleteTotpFactor(user.id), true);
      assert.equal(await store.getTotpFactor(user.id), null);
    },
  },
  {
    name: 'recovery codes: replaced as a set, each usable once, counted per user',
    async run(store) {
      const user = await storeUser(store);
      const other = await storeUser(store);
      const first = [uniqueHash(), uniqueHash(), uniqueHash()];
      await store.replaceRecoveryCodes(user.id, first, T0);
      await store.replaceRecoveryCodes(other.id, [first[0] ?? ''], T0);
      assert.equal(await store.countRecoveryCodes(user.id), 3);
      assert.equal(await store.useRecoveryCode(user.id, first[1] ?? ''), true);
      assert.equal(await store.useRecoveryCode(user.id, first[1] ?? ''), false);
      assert.equal(await store.useRecoveryCode(user.id, uniqueHash()), false);
      assert.equal(await store.countRecoveryCodes(user.id), 2);
      const second = [uniqueHash(), uniqueHash()];
      await store.replaceRecoveryCodes(user.id, second, addSeconds(T0, 1));
      assert.equal(await store.useRecoveryCode(user.id, first[0] ?? ''), false, 'old codes are dead');
      assert.equal(await store.countRecoveryCodes(user.id), 2);
      assert.equal(await store.countRecoveryCodes(other.id), 1, 'another user keeps theirs');
      const raced = await Promise.all(
        Array.from({ length: 5 }, () => store.useRecoveryCode(user.id, second[0] ?? '')),
      );
      assert.equal(raced.filter(Boolean).length, 1);
      await store.replaceRecoveryCodes(user.id, [], addSeconds(T0, 2));
      assert.equal(await store.countRecoveryCodes(user.id), 0);
    },
  },
  {
    name: 'pending logins: insert then get returns every field; delete is single use',
    async run(store) {
      const user = await storeUser(store);
      const login = makePendingLogin(user.id, { transport: 'jwt-cookie', amr: ['fed'] });
      await store.insertPendingLogin(login);
      assert.deepEqual(await store.getPendingLogin(login.id), login);
      assert.equal(await store.getPendingLogin('no-such-login'), null);
      const deleted = await Promise.all([
        store.deletePendingLogin(login.id),
        store.deletePendingLogin(login.id),
      ]);
      assert.deepEqual(deleted.sort(), [false, true]);
      assert.equal(await store.getPendingLogin(login.id), null);
      await assert.rejects(store.insertPendingLogin(makePendingLogin(user.id, { amr: [] })), TypeError);
    },
  },
  {
    name: 'pending logins: failures count up atomically and the login is gone at the bound',
    async run(store) {
      const user = await storeUser(store);
      const login = makePendingLogin(user.id);
      await store.insertPendingLogin(login);
      assert.equal(await store.recordPendingLoginFailure(login.id, 5), 1);
      const counts = await Promise.all(
        Array.from({ length: 4 }, () => store.recordPendingLoginFailure(login.id, 5)),
      );
      assert.deepEqual(counts.sort(), [2, 3, 4, 5]);
      assert.equal(await store.getPendingLogin(login.id), null);
      assert.equal(await store.recordPendingLoginFailure(login.id, 5), null);
      await assert.rejects(store.recordPendingLoginFailure(login.id, 0), TypeError);
    },
  },
  {
    name: 'pending logins: deleteExpiredPendingLogins drops those expired at or before now',
    async run(store) {
      const user = await storeUser(store);
      const expired = makePendingLogin(user.id, { expiresAt: addSeconds(T0, 10) });
      const live = makePendingLogin(user.id, { expiresAt: addSeconds(T0, 11) });
      await store.insertPendingLogin(expired);
      await store.insertPendingLogin(live);
      assert.ok((await store.deleteExpiredPendingLogins(addSeconds(T0, 10))) >= 1);
      assert.equal(await store.getPendingLogin(expired.id), null);
      assert.deepEqual(await store.getPendingLogin(live.id), live);
    },
  },
];
