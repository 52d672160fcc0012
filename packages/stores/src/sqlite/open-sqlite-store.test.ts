import type { TesseraStore } from '@tessera/core';
import { StoreUnavailableError } from '@tessera/core';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { conformanceCases } from '../conformance/index.js';
import { applyMigrations } from './apply-migrations.js';
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

  it('creates its directory 0700 and the database, -wal and -shm 0600 (DESIGN §3.2)', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'new', 'tessera.db');
      const store = openSqliteStore({ path });
      try {
        await store.insertUser(user);
        const modeOf = (file: string) => `0${(statSync(file).mode & 0o777).toString(8)}`;
        assert.equal(modeOf(join(dir, 'new')), '0700');
        for (const file of [path, `${path}-wal`, `${path}-shm`]) assert.equal(modeOf(file), '0600', file);
      } finally {
        await store.close();
      }
    }));

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
      // Created (and migrated) first, so the children race on the counter, not on the migrations.
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
          refreshTokenHash: null,
          previousRefreshTokenHash: null,
          refreshRotatedAt: null,
          refreshGeneration: 0,
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
        // A follower reads the tail after its cursor: a primary-key range, in cursor order, no sort.
        assert.match(
          plan(
            'SELECT cursor FROM revocations WHERE cursor > 5 AND +expires_at > 5 ORDER BY cursor LIMIT 100',
          ),
          /^SEARCH revocations USING INTEGER PRIMARY KEY \(rowid>\?\)$/,
        );
        assert.match(
          plan('SELECT cursor FROM revocations WHERE expires_at <= 5'),
          /^SEARCH revocations USING (COVERING )?INDEX revocations_expires_at \(expires_at<\?\)$/,
        );
      } finally {
        db.close();
      }
    }));
  it('upgrades a database created with only migration 1: old sessions read back without a refresh chain', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      const old = new Database(path);
      assert.deepEqual(applyMigrations(old, migrations.slice(0, 1)), [1]);
      old
        .prepare(
          `INSERT INTO users (id, email, password_hash, roles, created_at, disabled_at)
           VALUES (?, ?, ?, ?, ?, NULL)`,
        )
        .run(user.id, user.email, user.passwordHash, JSON.stringify(user.roles), user.createdAt.getTime());
      old
        .prepare(
          `INSERT INTO sessions (id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at,
                                 absolute_expires_at, ip, user_agent, transport)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run('old-session', 'a'.repeat(64), user.id, 1, 2, 3, 4, '192.0.2.1', 'old agent', 'cookie');
      old.close();

      const store = openSqliteStore({ path });
      try {
        assert.deepEqual(
          readMigrationRows(path).map(({ version }) => version),
          migrations.map(({ version }) => version),
        );
        const expected = {
          id: 'old-session',
          secretHash: 'a'.repeat(64),
          userId: user.id,
          createdAt: new Date(1),
          lastSeenAt: new Date(2),
          idleExpiresAt: new Date(3),
          absoluteExpiresAt: new Date(4),
          ip: '192.0.2.1',
          userAgent: 'old agent',
          transport: 'cookie',
          refreshTokenHash: null,
          previousRefreshTokenHash: null,
          refreshRotatedAt: null,
          refreshGeneration: 0,
        };
        assert.deepEqual(await store.getSession('old-session'), expected);
        assert.deepEqual(await store.getUserById(user.id), user);
        // No chain: no expected hash can match.
        const next = {
          refreshTokenHash: 'b'.repeat(64),
          previousRefreshTokenHash: null,
          refreshRotatedAt: new Date(5),
          refreshGeneration: 1,
        };
        assert.equal(await store.rotateSessionRefreshToken('old-session', 'a'.repeat(64), next), false);
        assert.deepEqual(await store.getSession('old-session'), expected);
        // The new tables are there and work.
        await store.insertSigningKey({
          kid: 'k1',
          alg: 'HS256',
          publicJwk: null,
          privateJwkCiphertext: 'v1.x',
          createdAt: new Date(0),
          activatesAt: new Date(0),
          retiredAt: null,
          expiresAt: null,
        });
        assert.equal((await store.listSigningKeys()).length, 1);
        const [entry] = await store.appendRevocations([
          { sessionId: 'old-session', revokedAt: new Date(6), expiresAt: new Date(7) },
        ]);
        assert.deepEqual(await store.listRevocations(null, new Date(6), 10), [entry]);
      } finally {
        await store.close();
      }
    }));

  it('keeps revocation cursors valid across close and reopen, and never reuses one after a sweep', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      const at = new Date('2030-01-01T00:00:00.000Z');
      const expiresAt = new Date(at.getTime() + 900_000);
      const revocation = (sessionId: string) => ({ sessionId, revokedAt: at, expiresAt });

      const first = openSqliteStore({ path });
      const [a, b] = await first.appendRevocations([revocation('s-a'), revocation('s-b')]);
      await first.close();
      assert.ok(a && b);

      const second = openSqliteStore({ path });
      assert.deepEqual(await second.listRevocations(a.cursor, at, 10), [b]);
      // Sweep everything, the newest entry included, then restart: the next position is still new.
      assert.equal(await second.deleteExpiredRevocations(expiresAt), 2);
      await second.close();

      const third = openSqliteStore({ path });
      try {
        const [c] = await third.appendRevocations([revocation('s-c')]);
        assert.ok(c);
        assert.ok(b.cursor < c.cursor, `${c.cursor} sorts after ${b.cursor}`);
        assert.deepEqual(await third.listRevocations(b.cursor, at, 10), [c]);
      } finally {
        await third.close();
      }
    }));

  it('lets exactly one of several processes rotate each refresh token in the same file', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      // The same hashes as the child computes.
      const raceHash = (owner: string, index: number): string =>
        createHash('sha256')
          .update(`${owner}:${String(index)}`)
          .digest('hex');
      // Enough that the children, started a few milliseconds apart, overlap for most of the run (200 often
      // finished in one child before the others woke up).
      const sessions = 2000;
      const setup = openSqliteStore({ path });
      await setup.insertUser(user);
      for (let index = 0; index < sessions; index += 1) {
        await setup.insertSession({
          id: `race-${String(index)}`,
          secretHash: 'a'.repeat(64),
          userId: user.id,
          createdAt: user.createdAt,
          lastSeenAt: user.createdAt,
          idleExpiresAt: user.createdAt,
          absoluteExpiresAt: user.createdAt,
          ip: null,
          userAgent: null,
          transport: 'bearer',
          refreshTokenHash: raceHash('initial', index),
          previousRefreshTokenHash: null,
          refreshRotatedAt: null,
          refreshGeneration: 0,
        });
      }
      await setup.close();

      const child = fileURLToPath(new URL('./rotate-refresh-token-child.fixture.ts', import.meta.url));
      const names = ['c0', 'c1', 'c2'];
      const children = names.map((name) =>
        spawn(process.execPath, [...process.execArgv, child, path, String(sessions), name], {
          stdio: ['pipe', 'pipe', 'inherit'],
        }),
      );
      const outputs = children.map(async (running) => {
        let output = '';
        running.stdout.setEncoding('utf8');
        running.stdout.on('data', (chunk: string) => {
          output += chunk;
        });
        const [code] = (await once(running, 'exit')) as [number | null];
        return { code, output };
      });
      await Promise.all(children.map((running) => once(running.stdout, 'data')));
      for (const running of children) running.stdin.write('go\n');
      const results = await Promise.all(outputs);
      assert.deepEqual(
        results.map(({ code }) => code),
        names.map(() => 0),
      );
      const wins = results.map(
        ({ output }) => JSON.parse(output.trim().split('\n').at(-1) ?? '') as number[],
      );

      // Every session was rotated by exactly one child, and holds that child's successor: no fork.
      const winnerOf = new Map<number, string>();
      wins.forEach((won, childIndex) => {
        for (const index of won) {
          assert.equal(winnerOf.has(index), false, `race-${String(index)} rotated twice`);
          winnerOf.set(index, names[childIndex] ?? '');
        }
      });
      assert.equal(winnerOf.size, sessions);
      const store = openSqliteStore({ path });
      try {
        for (let index = 0; index < sessions; index += 1) {
          const session = await store.getSession(`race-${String(index)}`);
          assert.equal(session?.refreshTokenHash, raceHash(winnerOf.get(index) ?? '', index));
          assert.equal(session.refreshGeneration, 1);
        }
      } finally {
        await store.close();
      }
    }));

  it('has CHECKs that refuse bad signing keys and negative generations from writers other than the store', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'tessera.db');
      await openSqliteStore({ path }).close();
      const db = new Database(path);
      try {
        const insertKey = db.prepare<[string, string, string | null]>(
          `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at)
           VALUES (?, ?, ?, 'v1.x', 0, 0)`,
        );
        const jwk = '{"kty":"OKP"}';
        for (const [kid, alg, publicJwk] of [
          ['none', 'none', jwk],
          ['hs-with-public', 'HS256', '{"kty":"oct","k":"c2VjcmV0"}'],
          ['ed-without-public', 'EdDSA', null],
          ['not-json', 'EdDSA', 'not json'],
          ['array', 'ES256', '[]'],
        ] as const) {
          assert.throws(() => insertKey.run(kid, alg, publicJwk), /CHECK constraint failed/, kid);
        }
        insertKey.run('ok', 'EdDSA', jwk);
        db.prepare(
          'INSERT INTO users (id, email, password_hash, roles, created_at) VALUES (?, ?, ?, ?, 0)',
        ).run('u', 'u@example.test', 'h', '[]');
        assert.throws(
          () =>
            db
              .prepare(
                `INSERT INTO sessions (id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at,
                                       absolute_expires_at, transport, refresh_generation)
                 VALUES ('s', 'h', 'u', 0, 0, 0, 0, 'bearer', -1)`,
              )
              .run(),
          /CHECK constraint failed/,
        );
      } finally {
        db.close();
      }
    }));
});
