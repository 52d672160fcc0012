import type { TesseraStore } from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { conformanceCases } from '../conformance/index.js';
import { migrations } from './migrations.js';
import { openSqliteStore } from './open-sqlite-store.js';

// A fresh directory per test, removed afterwards even when the test fails.
async function withTempDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-sqlite-'));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readMigrationRows(path: string): { version: number; name: string; applied_at: number }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { version: number; name: string; applied_at: number }>(
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
      )
      .all();
  } finally {
    db.close();
  }
}

const user = {
  id: 'user-1',
  email: 'ada@example.test',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  roles: ['admin'],
  createdAt: new Date('2030-01-01T00:00:00.000Z'),
  disabledAt: null,
};

describe('openSqliteStore', () => {
  describe('conformance, a fresh database file per case', () => {
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, () =>
        withTempDir(async (dir) => {
          const store = openSqliteStore({ path: join(dir, 'tessera.db') });
          try {
            await conformanceCase.run(store);
          } finally {
            await store.close();
          }
        }),
      );
    }
  });

  // The cases promise they never depend on each other; this holds them to it on one shared file.
  describe('conformance, every case on one shared database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-sqlite-shared-'));
    let store: TesseraStore;
    before(() => {
      store = openSqliteStore({ path: join(dir, 'nested', 'dirs', 'tessera.db') });
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, () => conformanceCase.run(store));
    }
  });

  describe('conformance, an in-memory database', () => {
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, async () => {
        const store = openSqliteStore({ path: ':memory:' });
        try {
          await conformanceCase.run(store);
        } finally {
          await store.close();
        }
      });
    }
  });

  it('keeps data across close and reopen of the same file', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      const first = openSqliteStore({ path });
      await first.insertUser(user);
      await first.incrementCounter('login:ada', 2, 900, user.createdAt);
      await first.close();

      const second = openSqliteStore({ path });
      try {
        assert.deepEqual(await second.getUserByEmail(user.email), user);
        assert.equal((await second.getCounter('login:ada', user.createdAt))?.count, 2);
      } finally {
        await second.close();
      }
    }));

  it('records each migration once, and a reopen applies nothing new', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      await openSqliteStore({ path }).close();
      const recorded = readMigrationRows(path);
      assert.deepEqual(
        recorded.map(({ version, name }) => ({ version, name })),
        migrations.map(({ version, name }) => ({ version, name })),
      );
      await openSqliteStore({ path }).close();
      await openSqliteStore({ path }).close();
      assert.deepEqual(readMigrationRows(path), recorded);
    }));

  it('sets WAL, synchronous NORMAL, foreign keys and a busy timeout', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      const store = openSqliteStore({ path });
      await store.close();
      // journal_mode is the one setting stored in the file itself; the others are per connection,
      // so they are checked through their effects (foreign keys by the conformance cases).
      const db = new Database(path, { readonly: true });
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        db.close();
      }
    }));

  it('loses no increment when several processes race on one counter in the same file', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      // Created (and migrated) first, so the children race on the counter, not on migration 1.
      await openSqliteStore({ path }).close();
      const child = fileURLToPath(new URL('./increment-counter-child.fixture.ts', import.meta.url));
      const processes = 3;
      const timesEach = 500;
      const children = Array.from({ length: processes }, () =>
        spawn(process.execPath, [...process.execArgv, child, path, 'race', String(timesEach)], {
          stdio: ['pipe', 'pipe', 'inherit'],
        }),
      );
      const exits = children.map(async (running) => {
        const [code] = (await once(running, 'exit')) as [number | null];
        return code;
      });
      await Promise.all(children.map((running) => once(running.stdout, 'data')));
      for (const running of children) running.stdin.write('go\n');
      assert.deepEqual(
        await Promise.all(exits),
        children.map(() => 0),
      );
      const store = openSqliteStore({ path });
      try {
        assert.equal(
          (await store.getCounter('race', new Date('2030-01-01T00:00:00.000Z')))?.count,
          processes * timesEach,
        );
      } finally {
        await store.close();
      }
    }));

  it('refuses a database whose schema is newer than the code, with a clear error, and leaves it alone', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      await openSqliteStore({ path }).close();
      const db = new Database(path);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migrations.length + 1,
        'from-the-future',
        Date.now(),
      );
      db.close();

      assert.throws(
        () => openSqliteStore({ path }),
        (error: unknown) =>
          error instanceof Error &&
          !(error instanceof StoreUnavailableError) &&
          error.message.includes(`schema version ${migrations.length + 1}`) &&
          error.message.includes('newer'),
      );
      assert.equal(readMigrationRows(path).length, migrations.length + 1);
    }));

  it('refuses a database that records a known version under another name', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      await openSqliteStore({ path }).close();
      const db = new Database(path);
      db.prepare('UPDATE schema_migrations SET name = ? WHERE version = 1').run('someone-elses-schema');
      db.close();
      assert.throws(() => openSqliteStore({ path }), /does not know/);
    }));

  it('rejects every call with StoreUnavailableError once closed, and close is idempotent', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await store.close();
    await store.close();
    await assert.rejects(store.ping(), StoreUnavailableError);
    await assert.rejects(store.getUserById('user-1'), StoreUnavailableError);
    await assert.rejects(store.insertUser(user), StoreUnavailableError);
    await assert.rejects(store.incrementCounter('k', 1, 60, new Date(0)), StoreUnavailableError);
  });

  it('reports a file that is not a database as StoreUnavailableError, with the driver error as cause', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      writeFileSync(path, 'this is not a SQLite database, just some text that is long enough'.repeat(20));
      assert.throws(
        () => openSqliteStore({ path }),
        (error: unknown) =>
          error instanceof StoreUnavailableError && error.cause instanceof Database.SqliteError,
      );
      await Promise.resolve();
    }));

  it('throws TypeError for an empty path', () => {
    assert.throws(() => openSqliteStore({ path: '' }), TypeError);
  });

  it('deletes a user’s sessions with the user (ON DELETE CASCADE)', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      const store = openSqliteStore({ path });
      try {
        await store.insertUser(user);
        await store.insertSession({
          id: 'session-1',
          secretHash: 'a'.repeat(64),
          userId: user.id,
          createdAt: user.createdAt,
          lastSeenAt: user.createdAt,
          idleExpiresAt: user.createdAt,
          absoluteExpiresAt: user.createdAt,
          ip: null,
          userAgent: null,
          transport: 'cookie',
        });
        // Deleting a user is an admin operation outside the contract; the CLI does it with SQL.
        const db = new Database(path);
        db.pragma('foreign_keys = ON');
        db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
        db.close();
        assert.equal(await store.getSession('session-1'), null);
      } finally {
        await store.close();
      }
    }));

  it('uses the indexes for the hot queries (no full scans, no sort step)', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      await openSqliteStore({ path }).close();
      const db = new Database(path, { readonly: true });
      const plan = (sql: string): string =>
        db
          .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((row) => row.detail)
          .join('; ');
      try {
        assert.match(
          plan("SELECT id FROM sessions WHERE user_id = 'u' ORDER BY created_at, rowid"),
          /^SEARCH sessions USING INDEX sessions_user_id_created_at/,
        );
        assert.match(
          plan('SELECT id FROM sessions WHERE min(idle_expires_at, absolute_expires_at) <= 5'),
          /^SEARCH sessions USING INDEX sessions_expires_at/,
        );
        assert.match(
          plan(
            "SELECT id FROM audit_events WHERE user_id = 'u' AND at < 5 ORDER BY at DESC, rowid DESC LIMIT 5",
          ),
          /^SEARCH audit_events USING INDEX audit_events_user_id_at \(user_id=\? AND at<\?\)$/,
        );
        assert.match(
          plan('SELECT id FROM audit_events WHERE at < 5 ORDER BY at DESC, rowid DESC LIMIT 5'),
          /^SEARCH audit_events USING INDEX audit_events_at \(at<\?\)$/,
        );
      } finally {
        db.close();
      }
    }));
});
