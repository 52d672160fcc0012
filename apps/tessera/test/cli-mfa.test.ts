// `tessera users mfa` and `tessera users mfa-reset` against the SQLite store a running server uses:
// the factors an operator sees (never a secret), and the reset of a lost phone (audited with the
// CLI as actor, every session of the user revoked), as `DELETE /admin/users/:id/mfa` does it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { TesseraStore } from '@tessera/core';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createCliDataDir, runTessera } from './cli-harness.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';

describe('tessera users mfa / mfa-reset (SQLite)', () => {
  let data: ReturnType<typeof createCliDataDir>;
  let store: TesseraStore;
  let server: TestServer;
  beforeEach(async () => {
    data = createCliDataDir();
    store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    server = await startTestServer({}, { store });
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    data.remove();
  });

  /** A user signed in on two devices, with an authenticator app and, in the store, one passkey. */
  async function userWithFactors(): Promise<{ email: string; userId: string; secret: string }> {
    const email = uniqueEmail('cli-mfa');
    const cookie = await server.register(email);
    assert.equal((await server.login(email)).status, 200);
    const started = await server.send('POST', '/auth/mfa/totp', { cookie });
    assert.equal(started.status, 200, started.text);
    const secret = started.json.secret as string;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({
      timestamp: server.clock.now().getTime(),
    });
    const confirmed = await server.send('POST', '/auth/mfa/totp/confirm', { cookie, body: { code } });
    assert.equal(confirmed.status, 200, confirmed.text);
    const user = await store.getUserByEmail(email);
    assert.ok(user);
    assert.ok(
      await store.insertPasskey({
        id: 'pk-cli-mfa-1',
        userId: user.id,
        credentialId: 'Y3JlZGVudGlhbC1pZA',
        publicKey: 'cHVibGljLWtleQ',
        signCount: 0,
        transports: ['internal'],
        name: 'Work "laptop"',
        deviceType: 'multiDevice',
        backedUp: true,
        createdAt: server.clock.now(),
        lastUsedAt: null,
      }),
    );
    return { email, userId: user.id, secret };
  }

  it('users mfa shows the authenticator app and since when, recovery codes left, and the passkeys', async () => {
    const { email, userId, secret } = await userWithFactors();
    const shown = await runTessera(['users', 'mfa', email], data.env);
    assert.equal(shown.code, 0, shown.err);
    assert.equal(
      shown.out,
      [
        `${email} (${userId})`,
        `authenticator app: on since ${server.clock.now().toISOString()}`,
        'recovery codes left: 10',
        'passkeys: 1 ("Work \\"laptop\\"")',
        '',
      ].join('\n'),
    );
    assert.ok(!shown.out.includes(secret));
    // By id too; a user without any factor.
    const plain = uniqueEmail('cli-plain');
    await server.register(plain);
    const plainUser = await store.getUserByEmail(plain);
    const none = await runTessera(['users', 'mfa', plainUser?.id ?? ''], data.env);
    assert.equal(none.code, 0, none.err);
    assert.match(none.out, /\nauthenticator app: off\nrecovery codes left: 0\npasskeys: 0\n$/);
  });

  it('users mfa-reset removes the app and codes, revokes every session, and is audited with the CLI', async () => {
    const { email, userId } = await userWithFactors();
    assert.equal((await store.listUserSessions(userId)).length, 2);
    const reset = await runTessera(['users', 'mfa-reset', email], data.env);
    assert.equal(reset.code, 0, reset.err);
    assert.equal(
      reset.out,
      `removed the authenticator app and recovery codes of ${email} (${userId})\nrevoked 2 session(s)\n`,
    );
    assert.deepEqual(await store.listUserSessions(userId), []);
    const events = await store.listAuditEvents({ userId, type: 'mfa.reset', before: null, limit: 5 });
    const [event, ...others] = events;
    assert.ok(event !== undefined && others.length === 0);
    assert.equal(event.detail['via'], 'cli');
    assert.equal(event.detail['hadTotp'], true);

    const after = await runTessera(['users', 'mfa', email], data.env);
    assert.match(
      after.out,
      /\nauthenticator app: off\nrecovery codes left: 0\npasskeys: 1 /,
      'passkeys are kept',
    );
    // Sign-in takes the password alone again.
    const login = await server.login(email, PASSWORD);
    assert.equal(login.status, 200, login.text);

    const again = await runTessera(['users', 'mfa-reset', email], data.env);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^no authenticator app to remove for /);
  });

  it('an unknown user is exit 1; a missing or extra argument is exit 2', async () => {
    for (const command of ['mfa', 'mfa-reset']) {
      const missing = await runTessera(['users', command, 'nobody@example.com'], data.env);
      assert.equal(missing.code, 1);
      assert.equal(missing.err, 'tessera: no user with the email "nobody@example.com"\n');
      assert.equal((await runTessera(['users', command], data.env)).code, 2);
      assert.equal((await runTessera(['users', command, 'a@b.c', 'extra'], data.env)).code, 2);
      const help = await runTessera(['users', command, '--help'], data.env);
      assert.equal(help.code, 0);
      assert.match(help.out, new RegExp(`^Usage: tessera users ${command} <email-or-id>`));
    }
  });
});
