import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReauthenticationRequiredError } from '../errors.js';
import { addUser, createTestDeps, ORIGIN } from '../lib/create-test-deps.fixture.js';
import { confirmTotpEnrolment, readPendingTotpEnrolment, startTotpEnrolment } from './manage-totp.js';
import { generateTotpCode } from './totp-code.js';

describe('readPendingTotpEnrolment: the setup page again after a mistyped code (decision 0067)', () => {
  it('gives the secret and URI of the enrolment under way, the newest one when restarted', async () => {
    const t = await createTestDeps();
    const user = await addUser(t, 'alice@example.com');
    const recent = { user, session: { authenticatedAt: t.clock.now() } };
    const first = await startTotpEnrolment(t.deps, user);
    assert.deepEqual(await readPendingTotpEnrolment(t.deps, recent), first);
    const second = await startTotpEnrolment(t.deps, user);
    assert.notEqual(second.secret, first.secret);
    assert.deepEqual(await readPendingTotpEnrolment(t.deps, recent), second);
    // The store holds it sealed: the secret is not written in it.
    const stored = await t.store.getTotpFactor(user.id);
    assert.ok(stored?.pendingSealedSecret != null && !stored.pendingSealedSecret.includes(second.secret));
  });

  it('null when nothing is under way: never started, or confirmed', async () => {
    const t = await createTestDeps();
    const user = await addUser(t, 'bob@example.com');
    const recent = { user, session: { authenticatedAt: t.clock.now() } };
    assert.equal(await readPendingTotpEnrolment(t.deps, recent), null);
    const { secret } = await startTotpEnrolment(t.deps, user);
    const change = { user, sessionId: null, origin: ORIGIN };
    await confirmTotpEnrolment(t.deps, change, generateTotpCode(secret, t.clock.now()));
    assert.equal(await readPendingTotpEnrolment(t.deps, recent), null);
  });

  it('only its own user: another user with nothing under way reads nothing', async () => {
    const t = await createTestDeps();
    const alice = await addUser(t, 'alice@example.com');
    const mallory = await addUser(t, 'mallory@example.com');
    await startTotpEnrolment(t.deps, alice);
    const session = { authenticatedAt: t.clock.now() };
    assert.equal(await readPendingTotpEnrolment(t.deps, { user: mallory, session }), null);
  });

  it('an old sign-in is refused (ReauthenticationRequiredError), like starting one', async () => {
    const t = await createTestDeps({ session: { reauthMaxAgeSeconds: 600 } });
    const user = await addUser(t, 'carol@example.com');
    const session = { authenticatedAt: t.clock.now() };
    await startTotpEnrolment(t.deps, user);
    t.clock.advanceSeconds(600);
    assert.notEqual(await readPendingTotpEnrolment(t.deps, { user, session }), null, 'at the limit');
    t.clock.advanceSeconds(1);
    await assert.rejects(readPendingTotpEnrolment(t.deps, { user, session }), ReauthenticationRequiredError);
  });
});
