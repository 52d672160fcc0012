// DESIGN §7 over HTTP against a real SMTP server on loopback (smtp-server; messages parsed with
// mailparser): reset, verification, change of address, the limits, and a mail server that refuses
// or hangs. The flows run on SQLite and on PostgreSQL + Redis.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TesseraStore } from '@tessera/core';
import { silentLogger } from '@tessera/core';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { loadConfig, type Environment } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import { PASSWORD, sessionCookieFrom, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { startMailServer, tokenFromMail, type MailServer } from './mail-server.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const PUBLIC_URL = 'https://auth.example.test';
const NEW_PASSWORD = 'a brand new passphrase 42';
const skipServices = await servicesSkipReason();

/** A store for one backend, and how to get rid of it. */
interface Backend {
  name: string;
  skip: false | string;
  open(): Promise<{ store: TesseraStore; cleanup(): Promise<void>; env: Environment }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    open() {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-email-'));
      const store = openSqliteStore({ path: join(dir, 'tessera.db') });
      return Promise.resolve({
        store,
        env: {},
        cleanup() {
          rmSync(dir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
  {
    name: 'PostgreSQL + Redis',
    skip: skipServices,
    async open() {
      const database = await createTestDatabase();
      const redis = createTestRedisPrefix();
      const env = { DATABASE_URL: database.url, REDIS_URL, TESSERA_REDIS_PREFIX: redis.prefix };
      const store = await openStore(loadConfig(env), silentLogger);
      return {
        store,
        env,
        async cleanup() {
          await redis.cleanup();
          await database.drop();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`email and account recovery over SMTP (${backend.name})`, { skip: backend.skip }, () => {
    let mail: MailServer;
    let server: TestServer;
    let cleanup: () => Promise<void> = () => Promise.resolve();

    before(async () => {
      mail = await startMailServer();
      const opened = await backend.open();
      cleanup = () => opened.cleanup();
      server = await startTestServer(
        {
          TESSERA_SMTP_URL: mail.url,
          TESSERA_PUBLIC_URL: PUBLIC_URL,
          TESSERA_EMAIL_FROM: 'Tessera <auth@example.test>',
        },
        { store: opened.store },
      );
    });
    after(async () => {
      await server.close();
      await mail.close();
      await cleanup();
    });

    it('register mails a verification link built from TESSERA_PUBLIC_URL, never from Host or X-Forwarded-Host', async () => {
      const email = uniqueEmail('verify');
      const result = await server.send('POST', '/auth/register', {
        body: { email, password: PASSWORD },
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      });
      assert.equal(result.status, 201);
      assert.equal((result.json as { user: { emailVerified: boolean } }).user.emailVerified, false);
      const message = await mail.waitFor(email);
      assert.ok(message.text.length > 0, 'a plain-text part');
      assert.ok(message.html.includes('<a href="https://auth.example.test/verify-email?token='));
      assert.ok(!message.text.includes('evil.example') && !message.html.includes('evil.example'));
      const { link, token } = tokenFromMail(message, `${PUBLIC_URL}/verify-email?token=`);
      assert.ok(link.startsWith(`${PUBLIC_URL}/verify-email?token=`));

      const cookie = sessionCookieFrom(result) ?? '';
      const verified = await server.send('POST', '/auth/email/verify', { body: { token } });
      assert.equal(verified.status, 200);
      assert.deepEqual(
        (verified.json as { user: { email: string; emailVerified: boolean } }).user.emailVerified,
        true,
      );
      const me = await server.send('GET', '/auth/me', { cookie });
      assert.equal((me.json as { user: { emailVerified: boolean } }).user.emailVerified, true);
      const again = await server.send('POST', '/auth/email/verify', { body: { token } });
      assert.equal(again.status, 400);
      assert.equal((again.json as { code: string }).code, 'invalid_email_token');
    });

    it('forgot → link in the received mail → new password: every session refused at once, the old password too', async () => {
      const email = uniqueEmail('reset');
      const cookie = await server.register(email);
      const bearer = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      const accessToken = (bearer.json as { access_token: string }).access_token;
      assert.equal((await server.send('GET', '/auth/me', { bearer: accessToken })).status, 200);

      const forgot = await server.send('POST', '/auth/password/forgot', {
        body: { email },
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      });
      assert.equal(forgot.status, 202);
      assert.deepEqual(forgot.json, {});
      const message = await mail.waitFor(email, (m) => m.subject === 'Reset your password');
      const { token } = tokenFromMail(message, `${PUBLIC_URL}/reset-password?token=`);

      const weak = await server.send('POST', '/auth/password/reset', {
        body: { token, newPassword: 'password' },
      });
      assert.equal(weak.status, 400);
      assert.equal((weak.json as { code: string }).code, 'weak_password');
      const reset = await server.send('POST', '/auth/password/reset', {
        body: { token, newPassword: NEW_PASSWORD },
      });
      assert.equal(reset.status, 204, 'the token was not spent by the refused password');

      const meCookie = await server.send('GET', '/auth/me', { cookie });
      assert.equal(meCookie.status, 401);
      const meBearer = await server.send('GET', '/auth/me', { bearer: accessToken });
      assert.equal(meBearer.status, 401);
      assert.equal((meBearer.json as { code: string }).code, 'session_revoked');
      const reused = await server.send('POST', '/auth/password/reset', {
        body: { token, newPassword: NEW_PASSWORD },
      });
      assert.equal((reused.json as { code: string }).code, 'invalid_email_token');

      assert.equal((await server.login(email, PASSWORD)).status, 401);
      const signedIn = await server.login(email, NEW_PASSWORD);
      assert.equal(signedIn.status, 200);
      assert.equal(
        (signedIn.json as { user: { emailVerified: boolean } }).user.emailVerified,
        true,
        'the mail proved the address',
      );
      const notice = await mail.waitFor(email, (m) => m.subject === 'Your password was changed');
      assert.ok(!notice.text.includes('token='));
    });

    it('forgot answers an unknown address exactly like a known one, and mails nothing for it', async () => {
      const known = uniqueEmail('known');
      await server.register(known);
      const unknown = uniqueEmail('nobody');
      const a = await server.send('POST', '/auth/password/forgot', { body: { email: unknown } });
      const b = await server.send('POST', '/auth/password/forgot', { body: { email: known } });
      assert.equal(a.status, 202);
      assert.equal(a.text, b.text);
      const headersOf = (result: typeof a) =>
        Object.entries(result.headers)
          .filter(([name]) => name !== 'date')
          .sort(([x], [y]) => x.localeCompare(y));
      assert.deepEqual(headersOf(a), headersOf(b));
      // The known address's mail arrives; had anything been mailed to the unknown one it would have
      // been handed over first (it was asked for first).
      await mail.waitFor(known, (m) => m.subject === 'Reset your password');
      assert.deepEqual(mail.mailsTo(unknown), []);
    });

    it('at most 3 reset mails per address in 15 minutes; the 4th request is answered the same, and only the newest link works', async () => {
      const email = uniqueEmail('limit');
      await server.register(email);
      const answers = [];
      for (let i = 0; i < 4; i += 1) {
        answers.push(await server.send('POST', '/auth/password/forgot', { body: { email } }));
      }
      for (const answer of answers) {
        assert.equal(answer.status, 202);
        assert.equal(answer.text, '{}');
      }
      const sentinel = uniqueEmail('sentinel');
      await server.register(sentinel);
      await server.send('POST', '/auth/password/forgot', { body: { email: sentinel } });
      await mail.waitFor(sentinel, (m) => m.subject === 'Reset your password');
      const resets = mail.mailsTo(email).filter((m) => m.subject === 'Reset your password');
      assert.equal(resets.length, 3);
      const tokens = resets.map((m) => tokenFromMail(m, `${PUBLIC_URL}/reset-password?token=`).token);
      // Sent in the background: the newest link is the one whose token is still alive.
      const outcomes = [];
      for (const token of tokens) {
        const result = await server.send('POST', '/auth/password/reset', {
          body: { token, newPassword: NEW_PASSWORD },
        });
        outcomes.push(result.status);
      }
      assert.deepEqual(
        outcomes.filter((status) => status === 204).length,
        1,
        'a newer reset link kills the older ones',
      );
    });

    it('CR/LF smuggled into an address, or the wrong types, get 400 and nothing is sent', async () => {
      const victim = uniqueEmail('victim');
      const cookie = await server.register(victim);
      await mail.waitFor(victim);
      const before = mail.received.length;
      const smuggled = [
        `${victim}\r\nBcc: attacker@evil.example`,
        `${victim}\nBcc: attacker@evil.example`,
        `attacker@evil.example\r\n.\r\nMAIL FROM:<x@evil.example>`,
      ];
      for (const email of smuggled) {
        const forgot = await server.send('POST', '/auth/password/forgot', { body: { email } });
        assert.equal(forgot.status, 400);
        assert.equal((forgot.json as { code: string }).code, 'invalid_request');
        const change = await server.send('POST', '/auth/email/change', { body: { newEmail: email }, cookie });
        assert.equal(change.status, 400);
        const register = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
        assert.equal(register.status, 400);
      }
      for (const body of [{ email: 5 }, { email: [victim] }, { email: null }, {}]) {
        assert.equal((await server.send('POST', '/auth/password/forgot', { body })).status, 400);
      }
      for (const body of [{ token: 1, newPassword: NEW_PASSWORD }, { token: 'x', newPassword: 5 }, {}]) {
        assert.equal((await server.send('POST', '/auth/password/reset', { body })).status, 400);
      }
      assert.equal(
        (await server.send('POST', '/auth/email/verify', { body: { token: 'not.a.token' } })).status,
        400,
      );
      // A sentinel proves the mail path is live; nothing else arrived.
      const sentinel = uniqueEmail('sentinel');
      await server.register(sentinel);
      await mail.waitFor(sentinel);
      assert.equal(mail.received.length, before + 1);
      assert.ok(mail.received.every((m) => m.to.every((to) => !to.includes('evil.example'))));
    });

    it('change of address: a link to the new address, a notice to the old; confirming switches it, verified', async () => {
      const old = uniqueEmail('old');
      const cookie = await server.register(old);
      const next = uniqueEmail('new');
      const change = await server.send('POST', '/auth/email/change', { body: { newEmail: next }, cookie });
      assert.equal(change.status, 202);
      assert.deepEqual(change.json, {});
      const confirm = await mail.waitFor(next);
      const notice = await mail.waitFor(
        old,
        (m) => m.subject === 'A change of your email address was requested',
      );
      assert.ok(notice.text.includes(next));
      assert.ok(!notice.text.includes('token='), 'the old address gets no link');
      const { token } = tokenFromMail(confirm, `${PUBLIC_URL}/verify-email?token=`);
      // A second browser, not signed in.
      const verified = await server.send('POST', '/auth/email/verify', { body: { token } });
      assert.equal(verified.status, 200);
      assert.deepEqual(
        {
          email: (verified.json as { user: { email: string } }).user.email,
          verified: (verified.json as { user: { emailVerified: boolean } }).user.emailVerified,
        },
        { email: next, verified: true },
      );
      assert.equal((await server.login(old)).status, 401);
      assert.equal((await server.login(next)).status, 200);
      await mail.waitFor(old, (m) => m.subject === 'Your email address was changed');
    });

    it('change to a taken address answers the same 202 and mails no link to it', async () => {
      const holder = uniqueEmail('holder');
      await server.register(holder);
      await mail.waitFor(holder);
      const user = uniqueEmail('wants');
      const cookie = await server.register(user);
      const taken = await server.send('POST', '/auth/email/change', { body: { newEmail: holder }, cookie });
      assert.equal(taken.status, 202);
      assert.deepEqual(taken.json, {});
      await mail.waitFor(user, (m) => m.subject === 'A change of your email address was requested');
      assert.equal(mail.mailsTo(holder).length, 1, 'only its own verification mail');
    });

    it('a change-email link whose address was taken meanwhile answers 409 email_taken', async () => {
      const user = uniqueEmail('racer');
      const cookie = await server.register(user);
      const target = uniqueEmail('target');
      await server.send('POST', '/auth/email/change', { body: { newEmail: target }, cookie });
      const { token } = tokenFromMail(await mail.waitFor(target), `${PUBLIC_URL}/verify-email?token=`);
      await server.register(target);
      const result = await server.send('POST', '/auth/email/verify', { body: { token } });
      assert.equal(result.status, 409);
      assert.equal((result.json as { code: string }).code, 'email_taken');
    });

    it('an administrator can mail a user a reset link (to the user, never shown to the admin)', async () => {
      const adminEmail = uniqueEmail('admin');
      const adminCookie = await server.register(adminEmail);
      const admin = await server.store.getUserByEmail(adminEmail);
      await server.store.updateUserRoles(admin?.id ?? '', ['admin']);
      const email = uniqueEmail('helped');
      await server.register(email);
      const user = await server.store.getUserByEmail(email);
      const forbidden = await server.send('POST', `/admin/users/${user?.id ?? ''}/password-reset`, {
        cookie: await server.register(uniqueEmail('nobody-special')),
      });
      assert.equal(forbidden.status, 403);
      const result = await server.send('POST', `/admin/users/${user?.id ?? ''}/password-reset`, {
        cookie: adminCookie,
      });
      assert.equal(result.status, 202);
      assert.deepEqual(result.json, { sent: true });
      assert.ok(!result.text.includes('token'));
      const message = await mail.waitFor(email, (m) => m.subject === 'Reset your password');
      const { token } = tokenFromMail(message, `${PUBLIC_URL}/reset-password?token=`);
      const reset = await server.send('POST', '/auth/password/reset', {
        body: { token, newPassword: NEW_PASSWORD },
      });
      assert.equal(reset.status, 204);
      const missing = await server.send('POST', '/admin/users/no-such-user/password-reset', {
        cookie: adminCookie,
      });
      assert.equal(missing.status, 404);
    });

    it('resend mails a fresh link to an unverified user; unauthenticated resend and change are 401', async () => {
      const email = uniqueEmail('resend');
      const cookie = await server.register(email);
      await mail.waitFor(email);
      const resend = await server.send('POST', '/auth/email/verify/resend', { cookie });
      assert.equal(resend.status, 202);
      assert.deepEqual(resend.json, {});
      await mail.waitFor(email, (m) => mail.mailsTo(email).indexOf(m) === 1);
      assert.equal((await server.send('POST', '/auth/email/verify/resend')).status, 401);
      assert.equal(
        (await server.send('POST', '/auth/email/change', { body: { newEmail: uniqueEmail() } })).status,
        401,
      );
    });
  });
}

describe('TESSERA_EMAIL_VERIFICATION=required', () => {
  let mail: MailServer;
  let server: TestServer;
  before(async () => {
    mail = await startMailServer();
    server = await startTestServer({
      TESSERA_SMTP_URL: mail.url,
      TESSERA_PUBLIC_URL: PUBLIC_URL,
      TESSERA_EMAIL_VERIFICATION: 'required',
    });
  });
  after(async () => {
    await server.close();
    await mail.close();
  });

  it('register answers 202 {} without a session for a new and a taken address; the owner is mailed', async () => {
    const email = uniqueEmail('required');
    const first = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
    const second = await server.send('POST', '/auth/register', {
      body: { email, password: 'another fine passphrase' },
    });
    for (const result of [first, second]) {
      assert.equal(result.status, 202);
      assert.equal(result.text, '{}');
      assert.deepEqual(result.setCookies, []);
    }
    await mail.waitFor(email, (m) => m.subject === 'Confirm your email address');
    const exists = await mail.waitFor(email, (m) => m.subject === 'You already have an account');
    assert.ok(exists.text.includes(`${PUBLIC_URL}/forgot-password`));
  });

  it('the right password of an unverified account is 403 email_not_verified with a fresh link; after verifying, sign-in works', async () => {
    const email = uniqueEmail('unverified');
    await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
    await mail.waitFor(email);
    const wrong = await server.login(email, 'not the password at all');
    assert.equal(wrong.status, 401);
    const refused = await server.login(email);
    assert.equal(refused.status, 403);
    assert.equal((refused.json as { code: string }).code, 'email_not_verified');
    assert.deepEqual(refused.setCookies, []);
    const fresh = await mail.waitFor(email, (m) => mail.mailsTo(email).indexOf(m) === 1);
    const { token } = tokenFromMail(fresh, `${PUBLIC_URL}/verify-email?token=`);
    assert.equal((await server.send('POST', '/auth/email/verify', { body: { token } })).status, 200);
    assert.equal((await server.login(email)).status, 200);
  });
});
