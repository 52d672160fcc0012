// How mail leaves the server (DESIGN §7): STARTTLS with a certificate checked against a trusted CA,
// a mail server that refuses or hangs (resend 503, forgot still 202 and counted), the development
// outbox, and the per-IP limit shared between instances through Redis.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@tessera/core';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { startMailServer, TEST_SMTP_CERT_FILE, tokenFromMail, type MailServer } from './mail-server.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const PUBLIC_URL = 'https://auth.example.test';

async function mailCounter(server: TestServer, kind: string, outcome: string): Promise<number> {
  const metrics = await server.send('GET', '/metrics');
  const line = metrics.text
    .split('\n')
    .find((l) => l.startsWith(`tessera_mails_total{kind="${kind}",outcome="${outcome}"}`));
  return Number(line?.split(' ').at(-1));
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('STARTTLS', () => {
  let mail: MailServer;
  before(async () => {
    mail = await startMailServer('starttls');
  });
  after(() => mail.close());

  it('upgrades to TLS when the server offers it, trusting the CA in TESSERA_SMTP_CA_FILE', async () => {
    const server = await startTestServer({
      TESSERA_SMTP_URL: mail.url,
      TESSERA_SMTP_CA_FILE: TEST_SMTP_CERT_FILE,
      TESSERA_PUBLIC_URL: PUBLIC_URL,
    });
    try {
      const email = uniqueEmail('tls');
      const cookie = await server.register(email);
      const message = await mail.waitFor(email);
      assert.equal(message.secure, true, 'the message went over TLS');
      tokenFromMail(message, `${PUBLIC_URL}/verify-email?token=`);
      assert.equal((await server.send('POST', '/auth/email/verify/resend', { cookie })).status, 202);
    } finally {
      await server.close();
    }
  });

  it('refuses a certificate it cannot verify instead of sending in clear: resend 503 email_unavailable', async () => {
    const server = await startTestServer({ TESSERA_SMTP_URL: mail.url, TESSERA_SMTP_TIMEOUT: '5' });
    try {
      const email = uniqueEmail('untrusted');
      const cookie = await server.register(email);
      const resend = await server.send('POST', '/auth/email/verify/resend', { cookie });
      assert.equal(resend.status, 503);
      assert.equal((resend.json as { code: string }).code, 'email_unavailable');
      assert.deepEqual(mail.mailsTo(email), []);
    } finally {
      await server.close();
    }
  });
});

for (const mode of ['refuse', 'hang'] as const) {
  describe(`a mail server that ${mode}s`, () => {
    let mail: MailServer;
    let server: TestServer;
    before(async () => {
      mail = await startMailServer(mode);
      server = await startTestServer({ TESSERA_SMTP_URL: mail.url, TESSERA_SMTP_TIMEOUT: '1' });
    });
    after(async () => {
      await server.close();
      await mail.close();
    });

    it('resend answers 503 email_unavailable (and does not hang)', async () => {
      const cookie = await server.register(uniqueEmail(mode));
      const resend = await server.send('POST', '/auth/email/verify/resend', { cookie });
      assert.equal(resend.status, 503);
      assert.equal((resend.json as { code: string }).code, 'email_unavailable');
      assert.ok(!resend.text.includes(mail.url));
    });

    it('forgot still answers 202 {}; the failure is logged without the token, and counted', async () => {
      const email = uniqueEmail(`forgot-${mode}`);
      await server.register(email);
      const failedBefore = await mailCounter(server, 'password-reset', 'failed');
      const forgot = await server.send('POST', '/auth/password/forgot', { body: { email } });
      assert.equal(forgot.status, 202);
      assert.equal(forgot.text, '{}');
      await until(async () => (await mailCounter(server, 'password-reset', 'failed')) === failedBefore + 1);
      const failures = server.logger.lines.filter((line) => line.includes('mail delivery failed'));
      assert.ok(failures.length > 0);
      for (const line of server.logger.lines)
        assert.ok(!/token=|[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/.test(line), line);
    });
  });
}

describe('without TESSERA_SMTP_URL: the development outbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({});
  });
  after(() => server.close());

  it('writes each message as an owner-only .eml file; the log names the file, never the token', async () => {
    const email = uniqueEmail('outbox');
    await server.register(email);
    const outbox = join(loadDataDir(server), 'outbox');
    let files: string[] = [];
    await until(() => {
      try {
        files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
      } catch {
        files = [];
      }
      return Promise.resolve(files.length > 0);
    });
    const file = join(outbox, files[0] ?? '');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(outbox).mode & 0o777, 0o700);
    const parsed = await simpleParser(readFileSync(file));
    assert.equal(parsed.subject, 'Confirm your email address');
    const link = (parsed.text ?? '').split(/\s+/).find((word) => word.includes('/verify-email?token='));
    const token = link === undefined ? null : new URL(link).searchParams.get('token');
    assert.ok(token !== null);
    const logLine = server.logger.lines.find(
      (line) => line.includes('outbox') && line.includes(files[0] ?? '?'),
    );
    assert.ok(logLine !== undefined, 'the log names the file');
    for (const line of server.logger.lines) assert.ok(!line.includes(token), 'no token in any log line');
    const verified = await server.send('POST', '/auth/email/verify', { body: { token } });
    assert.equal(verified.status, 200);
  });
});

function loadDataDir(server: TestServer): string {
  // The harness gives each server its own data directory; the outbox lives in it.
  const line = server.logger.lines.find((l) => l.includes('no TESSERA_SMTP_URL'));
  const directory = line === undefined ? undefined : (JSON.parse(line) as { directory?: string }).directory;
  assert.ok(directory !== undefined);
  return join(directory, '..');
}

const skipServices = await servicesSkipReason();

describe('the per-IP email limit is shared by instances through Redis', { skip: skipServices }, () => {
  let a: TestServer;
  let b: TestServer;
  let mail: MailServer;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  before(async () => {
    mail = await startMailServer();
    const database = await createTestDatabase();
    const redis = createTestRedisPrefix();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      TESSERA_REDIS_PREFIX: redis.prefix,
      TESSERA_SMTP_URL: mail.url,
      TESSERA_EMAIL_MAX_PER_IP: '3',
    };
    a = await startTestServer(env, { store: await openStore(loadConfig(env), silentLogger) });
    b = await startTestServer(env, { store: await openStore(loadConfig(env), silentLogger) });
    cleanup = async () => {
      await redis.cleanup();
      await database.drop();
    };
  });
  after(async () => {
    await a.close();
    await b.close();
    await mail.close();
    await cleanup();
  });

  it('three requests on one instance, the fourth on another: 429 rate_limited with Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) {
      const result = await a.send('POST', '/auth/password/forgot', { body: { email: uniqueEmail('ip') } });
      assert.equal(result.status, 202);
    }
    const limited = await b.send('POST', '/auth/password/forgot', { body: { email: uniqueEmail('ip') } });
    assert.equal(limited.status, 429);
    assert.equal((limited.json as { code: string }).code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const cookie = await a.register(uniqueEmail('ip-user'), PASSWORD);
    assert.equal((await b.send('POST', '/auth/email/verify/resend', { cookie })).status, 429);
  });
});
