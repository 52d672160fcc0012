import type { EmailTokenRecord } from '@tessera/core/store';
import assert from 'node:assert/strict';
import type { ConformanceCase } from './conformance-case.js';
import { addSeconds, makeUser, T0, uniqueId } from './fixtures.js';

/** A valid reset token of `userId`, alive from T0 for 30 minutes; `overrides` replace fields. */
function makeEmailToken(userId: string, overrides: Partial<EmailTokenRecord> = {}): EmailTokenRecord {
  return {
    id: uniqueId('etok'),
    secretHash: 'b'.repeat(64),
    purpose: 'password-reset',
    userId,
    email: 'owner@example.test',
    createdAt: addSeconds(T0, 0),
    expiresAt: addSeconds(T0, 1800),
    ...overrides,
  };
}

/**
 * Conformance cases for `EmailTokenStore` and the email columns of `UserStore` (DESIGN §7). Time only
 * moves through the `now` argument.
 *
 * @example
 * for (const c of emailTokenCases) it(c.name, () => c.run(store));
 */
export const emailTokenCases: readonly ConformanceCase[] = [
  {
    name: 'email tokens: a stored token reads back whole until it expires',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const token = makeEmailToken(user.id, { purpose: 'email-change', email: 'new@example.test' });
      await store.insertEmailToken(token);
      assert.deepEqual(await store.getEmailToken(token.id, addSeconds(T0, 1799)), token);
      assert.equal(await store.getEmailToken(token.id, addSeconds(T0, 1800)), null, 'expired at expiresAt');
      assert.equal(await store.getEmailToken(uniqueId('etok'), T0), null);
    },
  },
  {
    name: 'email tokens: take needs the right secret hash, succeeds once, and only while alive',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const token = makeEmailToken(user.id);
      await store.insertEmailToken(token);
      assert.equal(await store.takeEmailToken(token.id, 'c'.repeat(64), T0), null, 'wrong secret');
      assert.deepEqual(await store.getEmailToken(token.id, T0), token, 'a wrong secret spends nothing');
      assert.deepEqual(await store.takeEmailToken(token.id, token.secretHash, T0), token);
      assert.equal(await store.takeEmailToken(token.id, token.secretHash, T0), null, 'single use');
      assert.equal(await store.getEmailToken(token.id, T0), null);
      const expiring = makeEmailToken(user.id);
      await store.insertEmailToken(expiring);
      assert.equal(await store.takeEmailToken(expiring.id, expiring.secretHash, addSeconds(T0, 1800)), null);
    },
  },
  {
    name: 'email tokens: of 20 concurrent takes of one token exactly one wins',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const token = makeEmailToken(user.id);
      await store.insertEmailToken(token);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.takeEmailToken(token.id, token.secretHash, T0)),
      );
      assert.equal(results.filter((result) => result !== null).length, 1);
    },
  },
  {
    name: "email tokens: deleteUserEmailTokens kills one purpose of one user, keeping exceptId and others' tokens",
    async run(store) {
      const user = makeUser();
      const other = makeUser();
      await store.insertUser(user);
      await store.insertUser(other);
      const older = makeEmailToken(user.id);
      const newer = makeEmailToken(user.id);
      const verify = makeEmailToken(user.id, { purpose: 'email-verify' });
      const othersReset = makeEmailToken(other.id);
      for (const token of [older, newer, verify, othersReset]) await store.insertEmailToken(token);
      assert.equal(await store.deleteUserEmailTokens(user.id, 'password-reset', newer.id), 1);
      assert.equal(await store.getEmailToken(older.id, T0), null);
      assert.deepEqual(await store.getEmailToken(newer.id, T0), newer);
      assert.deepEqual(await store.getEmailToken(verify.id, T0), verify);
      assert.deepEqual(await store.getEmailToken(othersReset.id, T0), othersReset);
      assert.equal(await store.deleteUserEmailTokens(user.id, 'password-reset', null), 1);
      assert.equal(await store.getEmailToken(newer.id, T0), null);
    },
  },
  {
    name: 'email tokens: deleteExpiredEmailTokens drops tokens expired at or before now, keeps live ones',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      const distant = new Date('1980-06-01T00:00:00.000Z');
      const expired = makeEmailToken(user.id, { createdAt: distant, expiresAt: addSeconds(distant, 60) });
      const live = makeEmailToken(user.id, { createdAt: distant, expiresAt: addSeconds(distant, 600) });
      await store.insertEmailToken(expired);
      await store.insertEmailToken(live);
      assert.ok((await store.deleteExpiredEmailTokens(addSeconds(distant, 60))) >= 1);
      assert.deepEqual(await store.getEmailToken(live.id, distant), live);
      assert.equal(await store.takeEmailToken(expired.id, expired.secretHash, distant), null, 'gone');
    },
  },
  {
    name: 'email tokens: a token of an unknown user or with a bad purpose or date is refused',
    async run(store) {
      await assert.rejects(store.insertEmailToken(makeEmailToken(uniqueId('user'))));
      const user = makeUser();
      await store.insertUser(user);
      const badPurpose = { ...makeEmailToken(user.id), purpose: 'login' } as unknown as EmailTokenRecord;
      await assert.rejects(store.insertEmailToken(badPurpose), TypeError);
      await assert.rejects(
        store.insertEmailToken(makeEmailToken(user.id, { expiresAt: new Date(Number.NaN) })),
        TypeError,
      );
    },
  },
  {
    name: 'users: emailVerified is stored as given and false unless set',
    async run(store) {
      const unverified = makeUser();
      const verified = makeUser({ emailVerified: true });
      await store.insertUser(unverified);
      await store.insertUser(verified);
      assert.equal((await store.getUserById(unverified.id))?.emailVerified, false);
      assert.equal((await store.getUserByEmail(verified.email))?.emailVerified, true);
      const missing = { ...makeUser(), emailVerified: undefined } as unknown as ReturnType<typeof makeUser>;
      await assert.rejects(store.insertUser(missing), TypeError);
    },
  },
  {
    name: 'users: markUserEmailVerified applies only while the user still has that address',
    async run(store) {
      const user = makeUser();
      await store.insertUser(user);
      assert.equal(await store.markUserEmailVerified(user.id, `other-${user.email}`), null);
      assert.equal((await store.getUserById(user.id))?.emailVerified, false);
      assert.deepEqual(await store.markUserEmailVerified(user.id, user.email), {
        ...user,
        emailVerified: true,
      });
      assert.equal(await store.markUserEmailVerified(uniqueId('user'), user.email), null);
    },
  },
  {
    name: 'users: changeUserEmail switches the address verified, refuses a taken one, and needs the old one',
    async run(store) {
      const user = makeUser();
      const holder = makeUser();
      await store.insertUser(user);
      await store.insertUser(holder);
      assert.equal(await store.changeUserEmail(user.id, user.email, holder.email), false);
      assert.equal((await store.getUserById(user.id))?.email, user.email, 'nothing changed');
      const next = `${uniqueId('next')}@example.test`;
      assert.equal(await store.changeUserEmail(user.id, `stale-${user.email}`, next), null);
      assert.deepEqual(await store.changeUserEmail(user.id, user.email, next), {
        ...user,
        email: next,
        emailVerified: true,
      });
      assert.equal(await store.getUserByEmail(user.email), null, 'the old address is free');
      assert.equal((await store.getUserByEmail(next))?.id, user.id);
      const reuse = makeUser({ email: user.email });
      assert.equal(await store.insertUser(reuse), true);
    },
  },
];
