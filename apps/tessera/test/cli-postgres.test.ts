// The store-touching CLI commands against PostgreSQL (DATABASE_URL), where transactions and
// collations differ from SQLite.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { hashScryptForImport } from '@tessera/core/password';
import { runTessera } from './cli-harness.js';
import { PASSWORD, TEST_SECRET } from './harness.js';
import { createTestDatabase, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();

describe('tessera CLI on PostgreSQL', { skip }, () => {
  let env: Record<string, string>;
  let dir: string;
  let drop: () => Promise<void> = () => Promise.resolve();
  before(async () => {
    const database = await createTestDatabase();
    drop = () => database.drop();
    dir = mkdtempSync(join(tmpdir(), 'tessera-cli-pg-'));
    env = { DATABASE_URL: database.url, TESSERA_SECRET: TEST_SECRET, TESSERA_DATA_DIR: dir };
  });
  after(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrate, users, import-users (all or nothing), audit tail and keys', async () => {
    const migrated = await runTessera(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.out, /PostgreSQL/);
    assert.equal(
      (await runTessera(['users', 'add', 'ann@example.com', '--role', 'admin'], env, { password: PASSWORD }))
        .code,
      0,
    );

    const bcryptHash = await bcrypt.hash('old password one', 4);
    const scryptHash = await hashScryptForImport('old password two', { ln: 10, r: 8, p: 1 });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      [
        JSON.stringify({ email: 'zed@example.com', passwordHash: bcryptHash }),
        JSON.stringify({ email: 'ANN@example.com', passwordHash: scryptHash }),
      ].join('\n'),
    );
    const refused = await runTessera(['import-users', bad], env);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /line 2: email belongs to an existing user/);
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      `email,password_hash,roles\nzed@example.com,${bcryptHash},support\nBea@Example.com,"${scryptHash}",\n`,
    );
    const imported = await runTessera(['import-users', good], env);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /imported 2 user\(s\)/);

    const list = await runTessera(['users', 'list'], env);
    assert.deepEqual(
      list.out
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(/\s+/)[1]),
      ['ann@example.com', 'bea@example.com', 'zed@example.com'],
    );
    const page = await runTessera(['users', 'list', '--limit', '2'], env);
    const cursor = /--after (\S+)/.exec(page.out)?.[1] ?? '';
    assert.match((await runTessera(['users', 'list', '--after', cursor], env)).out, /zed@example\.com/);
    assert.equal((await runTessera(['users', 'disable', 'zed@example.com'], env)).code, 0);
    const tail = await runTessera(['audit', 'tail', '--limit', '3'], env);
    assert.match(tail.out, /users\.imported[^\n]*count=2[\s\S]*user\.disabled/);
    assert.equal((await runTessera(['keys', 'list'], env)).code, 0);
  });
});
