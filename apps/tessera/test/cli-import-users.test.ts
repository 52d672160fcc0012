import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import type { TesseraStore } from '@tessera/core';
import { hashScryptForImport } from '@tessera/core/password';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createCliDataDir, runTessera } from './cli-harness.js';
import { startTestServer, type TestServer } from './harness.js';

const BCRYPT_PASSWORD = 'old system password one';
const SCRYPT_PASSWORD = 'old system password two';

describe('tessera import-users', () => {
  let bcryptHash: string;
  let scryptHash: string;
  before(async () => {
    bcryptHash = await bcrypt.hash(BCRYPT_PASSWORD, 4);
    scryptHash = await hashScryptForImport(SCRYPT_PASSWORD, { ln: 10, r: 8, p: 1 });
  });

  let data: ReturnType<typeof createCliDataDir>;
  beforeEach(() => {
    data = createCliDataDir();
  });
  afterEach(() => data.remove());

  function writeFile(name: string, content: string): string {
    const path = join(data.dir, name);
    writeFileSync(path, content);
    return path;
  }

  async function withStore<T>(work: (store: TesseraStore) => Promise<T>): Promise<T> {
    const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('imports JSON Lines in one go; imported users sign in with their old password, rehashed to argon2id', async () => {
    const file = writeFile(
      'users.jsonl',
      [
        JSON.stringify({ email: 'Ann@Example.com', passwordHash: bcryptHash, roles: ['support'] }),
        '',
        JSON.stringify({ email: 'bob@example.com', passwordHash: scryptHash }),
      ].join('\n') + '\n',
    );
    const result = await runTessera(['import-users', file], data.env);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^imported 2 user\(s\) \(1 bcrypt, 1 scrypt\)/);
    assert.match(result.err, /checking 2\/2/);
    assert.ok(!result.out.includes('$2') && !result.err.includes('$2'), 'no hash printed');

    const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
    let server: TestServer | null = null;
    try {
      server = await startTestServer({}, { store });
      for (const [email, password] of [
        ['ann@example.com', BCRYPT_PASSWORD],
        ['bob@example.com', SCRYPT_PASSWORD],
      ] as const) {
        assert.equal((await server.login(email, 'a wrong password entirely')).status, 401);
        const login = await server.login(email, password);
        assert.equal(login.status, 200, login.text);
        assert.match((await store.getUserByEmail(email))?.passwordHash ?? '', /^\$argon2id\$/);
        assert.equal((await server.login(email, password)).status, 200, 'still signs in after the rehash');
      }
      assert.deepEqual((await store.getUserByEmail('ann@example.com'))?.roles, ['support']);
      const imported = await store.listAuditEvents({
        userId: null,
        type: 'users.imported',
        before: null,
        limit: 5,
      });
      assert.equal(imported.length, 1);
      assert.equal(imported[0]?.detail['count'], 2);
    } finally {
      // The server closes the store it was given.
      if (server !== null) await server.close();
      else await store.close();
    }
  });

  it('imports CSV with quoted scrypt hashes and space-separated roles', async () => {
    const file = writeFile(
      'users.csv',
      `email,password_hash,roles\r\nann@example.com,${bcryptHash},admin support\r\n"bob@example.com","${scryptHash}",\r\n`,
    );
    const result = await runTessera(['import-users', file], data.env);
    assert.equal(result.code, 0, result.err);
    await withStore(async (store) => {
      assert.deepEqual((await store.getUserByEmail('ann@example.com'))?.roles, ['admin', 'support']);
      assert.equal((await store.getUserByEmail('bob@example.com'))?.passwordHash, scryptHash);
    });
  });

  it('reports every bad row with its line number and imports nothing', async () => {
    assert.equal(
      (
        await runTessera(['users', 'add', 'taken@example.com'], data.env, {
          password: 'a fine long passphrase',
        })
      ).code,
      0,
    );
    const good = (email: string) => JSON.stringify({ email, passwordHash: bcryptHash });
    const file = writeFile(
      'users.jsonl',
      [
        good('one@example.com'), // 1
        JSON.stringify({ email: 'not an email', passwordHash: bcryptHash }), // 2
        JSON.stringify({ email: 'two@example.com', passwordHash: '$argon2id$v=19$m=1,t=1,p=1$abc$def' }), // 3
        good('ONE@example.com'), // 4: repeats line 1 once normalized
        good('taken@example.com'), // 5: exists
        '{"email": "three@example.com", "passwordHash": ', // 6
        JSON.stringify({ email: 'four@example.com', passwordHash: bcryptHash, roles: ['bad role'] }), // 7
        JSON.stringify({ email: 'five@example.com', password: 'plain text' }), // 8
        JSON.stringify({ email: 'six@example.com', passwordHash: '$2b$99$' + 'a'.repeat(53) }), // 9
        good('seven@example.com'), // 10
      ].join('\n'),
    );
    const result = await runTessera(['import-users', file], data.env);
    assert.equal(result.code, 1);
    const reported = result.err
      .split('\n')
      .filter((line) => line.startsWith('line '))
      .map((line) => Number(/^line (\d+):/.exec(line)?.[1]));
    assert.deepEqual(reported, [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(result.err, /line 4: email repeats line 1/);
    assert.match(result.err, /line 5: email belongs to an existing user/);
    assert.match(result.err, /tessera: 8 bad row\(s\); nothing was imported\n$/);
    assert.ok(!result.err.includes('plain text') && !result.err.includes(bcryptHash), 'no secret echoed');
    await withStore(async (store) => {
      for (const email of ['one@example.com', 'seven@example.com']) {
        assert.equal(await store.getUserByEmail(email), null, `${email} was not imported`);
      }
    });
  });

  it('CSV errors carry line numbers too; usage and file problems have their exit codes', async () => {
    const csv = writeFile(
      'users.csv',
      `email,password_hash\nann@example.com,"${scryptHash}\nbob@example.com,${scryptHash}\n`,
    );
    const result = await runTessera(['import-users', csv], data.env);
    assert.equal(result.code, 1);
    assert.match(result.err, /line 2: malformed CSV/);
    assert.match(result.err, /line 3: expected 2 fields, found 4/);
    const noHeader = writeFile('plain.csv', `ann@example.com,${bcryptHash}\n`);
    assert.match(
      (await runTessera(['import-users', noHeader], data.env)).err,
      /line 1: the header must name/,
    );
    assert.equal((await runTessera(['import-users', writeFile('users.txt', '')], data.env)).code, 2);
    const missing = await runTessera(['import-users', join(data.dir, 'nope.jsonl')], data.env);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^tessera: cannot read .*nope\.jsonl \(ENOENT\)\n$/);
    assert.equal((await runTessera(['import-users', writeFile('empty.jsonl', '\n')], data.env)).code, 1);
  });

  it('draws a progress bar on a terminal and plain progress lines otherwise', async () => {
    const lines = Array.from({ length: 2500 }, (_, index) =>
      JSON.stringify({ email: `user${index}@example.com`, passwordHash: bcryptHash }),
    );
    const file = writeFile('many.jsonl', lines.join('\n'));
    const plain = await runTessera(['import-users', file, '--format', 'jsonl'], data.env);
    assert.equal(plain.code, 0, plain.err);
    assert.deepEqual(plain.err.trim().split('\n'), [
      'checking 1000/2500',
      'checking 2000/2500',
      'checking 2500/2500',
    ]);
    await withStore(async (store) => {
      assert.ok(await store.getUserByEmail('user2499@example.com'));
    });
    const again = createCliDataDir();
    try {
      const tty = await runTessera(['import-users', file], again.env, { errIsTty: true });
      assert.equal(tty.code, 0, tty.err);
      assert.match(tty.err, /\rchecking \[#+\.*\] \d+\/2500/);
      assert.ok(tty.err.endsWith('\n'));
    } finally {
      again.remove();
    }
  });
});

describe('imported users on a running server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());
  it('a disabled imported user is refused like any other', async () => {
    const passwordHash = await bcrypt.hash(BCRYPT_PASSWORD, 4);
    const user = {
      id: 'imported-disabled',
      email: 'imported-disabled@example.com',
      passwordHash,
      roles: [],
      createdAt: new Date(),
      disabledAt: new Date(),
      emailVerified: false,
    };
    assert.deepEqual(await server.store.insertUsers([user]), []);
    assert.equal((await server.login(user.email, BCRYPT_PASSWORD)).status, 401);
    assert.equal((await server.store.getUserById(user.id))?.passwordHash, passwordHash, 'not rehashed');
  });
});
