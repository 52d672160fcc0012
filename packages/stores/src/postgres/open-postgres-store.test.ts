import type { TesseraStore } from '@tessera/core';
import type { SessionRecord } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { conformanceCases } from '../conformance/index.js';
import { applyMigrations } from './apply-migrations.js';
import { buildRevocationQueries } from './create-postgres-revocation-store.js';
import { buildSessionQueries } from './create-postgres-session-store.js';
import { findTestDatabase } from './find-test-database.fixture.js';
import { migrations } from './migrations.js';
import { openPostgresStore } from './open-postgres-store.js';

// A version no migration has: the newest one plus one (versions need not be contiguous).

/** The next version no migration has: a database from a newer Tessera claims it. */
const newestVersion = migrations.at(-1)?.version ?? 0;

const database = await findTestDatabase();

const user = {
  id: 'user-1',
  email: 'ada@example.test',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  roles: ['admin'],
  createdAt: new Date('2030-01-01T00:00:00.000Z'),
  disabledAt: null,
  emailVerified: false,
};

function makeSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: `session-${randomBytes(6).toString('hex')}`,
    secretHash: 'a'.repeat(64),
    userId: user.id,
    createdAt: user.createdAt,
    lastSeenAt: user.createdAt,
    idleExpiresAt: new Date(user.createdAt.getTime() + 7_200_000),
    absoluteExpiresAt: new Date(user.createdAt.getTime() + 86_400_000),
    ip: null,
    userAgent: null,
    transport: 'cookie',
    refreshTokenHash: null,
    previousRefreshTokenHash: null,
    refreshRotatedAt: null,
    refreshGeneration: 0,
    authenticatedAt: user.createdAt,
    amr: ['pwd'],
    ...overrides,
  };
}

describe('openPostgresStore', { skip: database.skip }, () => {
  // Every schema a test creates, dropped at the end even when tests fail: the shared database is left
  // exactly as it was found.
  const schemas = new Set<string>();
  function newSchema(prefix = 'tessera_test_'): string {
    const schema = `${prefix}${randomBytes(6).toString('hex')}`;
    schemas.add(schema);
    return schema;
  }
  async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const open = (schema: string, maxConnections?: number): Promise<TesseraStore> =>
    openPostgresStore({
      connectionString: database.url,
      schema,
      ...(maxConnections === undefined ? {} : { maxConnections }),
    });
  const migrationRows = (schema: string) =>
    withAdmin(
      async (client) =>
        (
          await client.query<{ version: number; name: string; applied_at: Date }>(
            `SELECT version, name, applied_at FROM ${pg.escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
          )
        ).rows,
    );

  after(async () => {
    await withAdmin(async (client) => {
      for (const schema of schemas) {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      }
    });
  });

  describe('conformance, every case on one fresh schema', () => {
    let store: TesseraStore;
    before(async () => {
      store = await open(newSchema());
    });
    after(() => store.close());
    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, () => conformanceCase.run(store));
    }
  });

  it('keeps data across close and reopen', async () => {
    const schema = newSchema();
    const first = await open(schema);
    await first.insertUser(user);
    await first.incrementCounter('login:ada', 2, 900, user.createdAt);
    await first.close();

    const second = await open(schema);
    try {
      assert.deepEqual(await second.getUserByEmail(user.email), user);
      assert.equal((await second.getCounter('login:ada', user.createdAt))?.count, 2);
    } finally {
      await second.close();
    }
  });

  it('records each migration once, and a reopen applies nothing new', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    const recorded = await migrationRows(schema);
    assert.deepEqual(
      recorded.map(({ version, name }) => ({ version, name })),
      migrations.map(({ version, name }) => ({ version, name })),
    );
    await (await open(schema)).close();
    await (await open(schema)).close();
    assert.deepEqual(await migrationRows(schema), recorded);
  });

  it('migrates a new schema exactly once when several stores open it at the same time', async () => {
    const schema = newSchema();
    // Several pools, so the opens really run on separate connections and race for the advisory lock.
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(schema)));
    try {
      assert.deepEqual(
        (await migrationRows(schema)).map(({ version }) => version),
        migrations.map(({ version }) => version),
      );
      await Promise.all(stores.map((store) => store.ping()));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    // The same race, driven directly: exactly one connection applies the migrations.
    const raced = newSchema();
    const applied = await Promise.all(
      Array.from({ length: 3 }, () => withAdmin((client) => applyMigrations(client, raced, migrations))),
    );
    assert.deepEqual(
      applied.filter((versions) => versions.length > 0),
      [migrations.map(({ version }) => version)],
    );
  });

  it('refuses a schema whose version is newer than the code, with a clear error, and leaves it alone', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    await withAdmin((client) =>
      client.query(
        `INSERT INTO ${pg.escapeIdentifier(schema)}.schema_migrations (version, name) VALUES ($1, 'from-the-future')`,
        [newestVersion + 1],
      ),
    );
    await assert.rejects(
      open(schema),
      (error: unknown) =>
        error instanceof Error &&
        !(error instanceof StoreUnavailableError) &&
        error.message.includes(`schema version ${newestVersion + 1}`) &&
        error.message.includes('newer'),
    );
    assert.equal((await migrationRows(schema)).length, migrations.length + 1);
  });

  it('refuses a schema that records a known version under another name', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    await withAdmin((client) =>
      client.query(
        `UPDATE ${pg.escapeIdentifier(schema)}.schema_migrations SET name = 'someone-elses' WHERE version = 1`,
      ),
    );
    await assert.rejects(open(schema), /does not know/);
  });

  it('upgrades a schema created with only migration 1: old sessions read back without a refresh chain', async () => {
    const schema = newSchema();
    const quoted = pg.escapeIdentifier(schema);
    await withAdmin(async (client) => {
      assert.deepEqual(await applyMigrations(client, schema, migrations.slice(0, 1)), [1]);
      await client.query(
        `INSERT INTO ${quoted}.users (id, email, password_hash, roles, created_at)
         VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [user.id, user.email, user.passwordHash, JSON.stringify(user.roles), user.createdAt.toISOString()],
      );
      await client.query(
        `INSERT INTO ${quoted}.sessions (id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at,
                                         absolute_expires_at, ip, user_agent, transport)
         VALUES ('old-session', $1, $2, 'epoch'::timestamptz + interval '1 ms', 'epoch'::timestamptz + interval '2 ms',
                 'epoch'::timestamptz + interval '3 ms', 'epoch'::timestamptz + interval '4 ms',
                 '192.0.2.1', 'old agent', 'cookie')`,
        ['a'.repeat(64), user.id],
      );
    });
    const store = await open(schema);
    try {
      assert.deepEqual(
        (await migrationRows(schema)).map(({ version }) => version),
        migrations.map(({ version }) => version),
      );
      assert.deepEqual(await store.getSession('old-session'), {
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
        // Sessions from before migration 4: signed in by password when they were created.
        authenticatedAt: new Date(1),
        amr: ['pwd'],
      });
      assert.deepEqual(await store.getUserById(user.id), user);
    } finally {
      await store.close();
    }
  });

  it('uses the primary key for getSession, the (user_id, created_at) index for listUserSessions, and indexes for the rest', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    const quoted = pg.escapeIdentifier(schema);
    const sessionQueries = buildSessionQueries(schema);
    const revocationQueries = buildRevocationQueries(schema);
    await withAdmin(async (client) => {
      // Enough rows, with statistics, that a sequential scan would be the planner's choice if it could be.
      await client.query(
        `INSERT INTO ${quoted}.users (id, email, password_hash, roles, created_at)
         SELECT 'u' || n, 'u' || n || '@example.test', 'h', '[]', now() FROM generate_series(1, 5000) AS n`,
      );
      await client.query(
        `INSERT INTO ${quoted}.sessions (id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at,
                                         absolute_expires_at, transport, authenticated_at)
         SELECT 's' || n, 'h', 'u' || (n % 5000 + 1), now() - n * interval '1 s', now(), now() + interval '1 h',
                now() + interval '1 d', 'cookie', now()
         FROM generate_series(1, 20000) AS n`,
      );
      await client.query(`ANALYZE ${quoted}.sessions`);
      const plan = async (sql: string, values: unknown[]): Promise<string> => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      const getSession = await plan(sessionQueries.get, ['s42']);
      assert.match(getSession, /Index Scan using sessions_pkey on sessions/, getSession);
      const listUserSessions = await plan(sessionQueries.listOfUser, ['u7']);
      // A plain index scan, or a bitmap scan of the same index then a sort of that user's few rows: which
      // one is the planner's call (it depends on how the rows lie on disk); either way no full scan.
      assert.match(
        listUserSessions,
        /(Index Scan using|Bitmap Index Scan on) sessions_user_id_created_at\b/,
        listUserSessions,
      );
      for (const explained of [getSession, listUserSessions]) assert.doesNotMatch(explained, /Seq Scan/);
      const sweep = await plan(sessionQueries.deleteExpired, [new Date(0).toISOString()]);
      assert.match(sweep, /sessions_expires_at/, sweep);

      // A follower reading the tail after its cursor: a primary-key range, whatever else is in the log.
      await client.query(
        `INSERT INTO ${quoted}.revocations (session_id, revoked_at, expires_at)
         SELECT 's' || n, now(), now() + CASE WHEN n > 19800 THEN interval '15 min' ELSE interval '-1 min' END
         FROM generate_series(1, 20000) AS n`,
      );
      await client.query(`ANALYZE ${quoted}.revocations`);
      const tail = await plan(revocationQueries.list, [19_990, new Date().toISOString(), 100]);
      assert.match(tail, /Index Scan using revocations_pkey on revocations/, tail);
    });
  });

  it('keeps every millisecond of a Date, whatever the time zone of the process', async () => {
    const store = await open(newSchema());
    try {
      const base = Date.UTC(2030, 0, 1, 12, 0, 0);
      const instants = Array.from({ length: 1000 }, (_, ms) => new Date(base + ms));
      // Far-off instants too: before 1900 (odd historical UTC offsets), the epoch, and past 9999.
      instants.push(new Date(Date.UTC(1850, 5, 1, 0, 0, 0, 999)), new Date(0), new Date(-1));
      instants.push(new Date(Date.UTC(12_345, 0, 1, 0, 0, 0, 7)));
      const userId = `user-${randomBytes(6).toString('hex')}`;
      await Promise.all(
        instants.map((at, index) =>
          store.insertAuditEvent({
            id: `event-${userId}-${index}`,
            type: 'login.succeeded',
            at,
            userId,
            sessionId: null,
            ip: null,
            userAgent: null,
            detail: { index },
          }),
        ),
      );
      const listed = await store.listAuditEvents({ userId, type: null, before: null, limit: 2000 });
      assert.equal(listed.length, instants.length);
      for (const event of listed) {
        const index = event.detail['index'] as number;
        assert.equal(event.at.getTime(), instants[index]?.getTime(), `instant ${index}`);
      }
    } finally {
      await store.close();
    }
  });

  it('hands out the cursors of a batch consecutively, so followers see appends in commit order', async () => {
    const schema = newSchema();
    // Two stores (two pools) appending at once: the table lock serializes whole batches, so no batch
    // can take a cursor below one that another, later-committing batch already took.
    const stores = [await open(schema), await open(schema)];
    try {
      const at = new Date('2030-01-01T00:00:00.000Z');
      const revocation = () => ({
        sessionId: `s-${randomBytes(4).toString('hex')}`,
        revokedAt: at,
        expiresAt: new Date(at.getTime() + 900_000),
      });
      const batches = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          stores[index % 2]!.appendRevocations([revocation(), revocation(), revocation()]),
        ),
      );
      for (const batch of batches) {
        const positions = batch.map((entry) => Number(entry.cursor));
        assert.deepEqual(positions, [positions[0]!, positions[0]! + 1, positions[0]! + 2]);
      }
      assert.equal((await stores[0]!.listRevocations(null, at, 1000)).length, 60);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('keeps revocation cursors valid across close and reopen, and never reuses one after a sweep', async () => {
    const schema = newSchema();
    const at = new Date('2030-01-01T00:00:00.000Z');
    const expiresAt = new Date(at.getTime() + 900_000);
    const revocation = (sessionId: string) => ({ sessionId, revokedAt: at, expiresAt });

    const first = await open(schema);
    const [a, b] = await first.appendRevocations([revocation('s-a'), revocation('s-b')]);
    await first.close();
    assert.ok(a && b);
    assert.match(a.cursor, /^\d{16}$/);

    const second = await open(schema);
    assert.deepEqual(await second.listRevocations(a.cursor, at, 10), [b]);
    assert.equal(await second.deleteExpiredRevocations(expiresAt), 2);
    await second.close();

    const third = await open(schema);
    try {
      const [c] = await third.appendRevocations([revocation('s-c')]);
      assert.ok(c);
      assert.ok(b.cursor < c.cursor, `${c.cursor} sorts after ${b.cursor}`);
      assert.deepEqual(await third.listRevocations(b.cursor, at, 10), [c]);
    } finally {
      await third.close();
    }
  });

  it('lets exactly one of several stores rotate each refresh token, and loses no counter increment', async () => {
    const schema = newSchema();
    const stores = await Promise.all([open(schema, 4), open(schema, 4), open(schema, 4)]);
    try {
      const raceHash = (owner: string, index: number): string =>
        createHash('sha256')
          .update(`${owner}:${String(index)}`)
          .digest('hex');
      const sessions = 200;
      await stores[0].insertUser(user);
      for (let index = 0; index < sessions; index += 1) {
        await stores[0].insertSession(
          makeSession({
            id: `race-${index}`,
            transport: 'bearer',
            refreshTokenHash: raceHash('initial', index),
          }),
        );
      }
      const rotatedAt = new Date('2030-01-01T00:01:00.000Z');
      const wins = await Promise.all(
        stores.map(async (store, storeIndex) => {
          const won: number[] = [];
          await Promise.all(
            Array.from({ length: sessions }, async (_, index) => {
              const next = {
                refreshTokenHash: raceHash(`store-${storeIndex}`, index),
                previousRefreshTokenHash: raceHash('initial', index),
                refreshRotatedAt: rotatedAt,
                refreshGeneration: 1,
              };
              if (await store.rotateSessionRefreshToken(`race-${index}`, raceHash('initial', index), next)) {
                won.push(index);
              }
            }),
          );
          return won;
        }),
      );
      const winnerOf = new Map<number, number>();
      wins.forEach((won, storeIndex) => {
        for (const index of won) {
          assert.equal(winnerOf.has(index), false, `race-${index} rotated twice`);
          winnerOf.set(index, storeIndex);
        }
      });
      assert.equal(winnerOf.size, sessions);
      for (let index = 0; index < sessions; index += 1) {
        const session = await stores[1].getSession(`race-${index}`);
        assert.equal(session?.refreshTokenHash, raceHash(`store-${winnerOf.get(index)}`, index));
      }

      const now = new Date('2030-01-01T00:00:00.000Z');
      await Promise.all(
        stores.flatMap((store) =>
          Array.from({ length: 100 }, () => store.incrementCounter('race', 1, 900, now)),
        ),
      );
      assert.equal((await stores[2].getCounter('race', now))?.count, 300);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('deletes a user’s sessions with the user (ON DELETE CASCADE)', async () => {
    const schema = newSchema();
    const store = await open(schema);
    try {
      await store.insertUser(user);
      const session = makeSession();
      await store.insertSession(session);
      // Deleting a user is an admin operation outside the contract.
      await withAdmin((client) =>
        client.query(`DELETE FROM ${pg.escapeIdentifier(schema)}.users WHERE id = $1`, [user.id]),
      );
      assert.equal(await store.getSession(session.id), null);
    } finally {
      await store.close();
    }
  });

  it('has CHECKs that refuse bad rows from writers other than the store', async () => {
    const schema = newSchema();
    await (await open(schema)).close();
    const quoted = pg.escapeIdentifier(schema);
    await withAdmin(async (client) => {
      const insertKey = (kid: string, alg: string, publicJwk: string | null) =>
        client.query(
          `INSERT INTO ${quoted}.signing_keys (kid, alg, public_jwk, private_jwk_ciphertext, created_at, activates_at)
           VALUES ($1, $2, $3::json, 'v1.x', now(), now())`,
          [kid, alg, publicJwk],
        );
      for (const [kid, alg, publicJwk] of [
        ['none', 'none', '{"kty":"OKP"}'],
        ['hs-with-public', 'HS256', '{"kty":"oct","k":"c2VjcmV0"}'],
        ['ed-without-public', 'EdDSA', null],
        ['array', 'ES256', '[]'],
      ] as const) {
        await assert.rejects(insertKey(kid, alg, publicJwk), { code: '23514' }, kid);
      }
      await assert.rejects(insertKey('not-json', 'EdDSA', 'not json'), { code: '22P02' });
      await insertKey('ok', 'EdDSA', '{"kty":"OKP"}');
      await client.query(
        `INSERT INTO ${quoted}.users (id, email, password_hash, roles, created_at) VALUES ('u', 'u@x', 'h', '[]', now())`,
      );
      await assert.rejects(
        client.query(
          `INSERT INTO ${quoted}.users (id, email, password_hash, roles, created_at) VALUES ('v', 'v@x', 'h', '{}', now())`,
        ),
        { code: '23514' },
      );
      await assert.rejects(
        client.query(
          `INSERT INTO ${quoted}.sessions (id, secret_hash, user_id, created_at, last_seen_at, idle_expires_at,
                                           absolute_expires_at, transport, refresh_generation, authenticated_at)
           VALUES ('s', 'h', 'u', now(), now(), now(), now(), 'bearer', -1, now())`,
        ),
        { code: '23514' },
      );
    });
  });

  it('quotes the schema name: any name works, and nothing escapes it', async () => {
    const schema = newSchema('Tessera "odd"; DROP SCHEMA public -- ');
    const store = await open(schema);
    try {
      await store.insertUser(user);
      assert.deepEqual(await store.getUserById(user.id), user);
    } finally {
      await store.close();
    }
    const tables = await withAdmin(
      async (client) =>
        (
          await client.query<{ table_name: string }>(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
            [schema],
          )
        ).rows,
    );
    assert.deepEqual(
      tables.map((row) => row.table_name),
      [
        'audit_events',
        'counters',
        'email_tokens',
        'identities',
        'passkeys',
        'pending_logins',
        'recovery_codes',
        'revocations',
        'schema_migrations',
        'sessions',
        'signing_keys',
        'totp_factors',
        'users',
        'webauthn_challenges',
      ],
    );
  });

  it('defaults to the public schema of the database', async (t) => {
    const name = `tessera_test_${randomBytes(6).toString('hex')}`;
    try {
      await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    } catch (error) {
      // In CI the database server is ours to use: not being able to create a database is a failure.
      if (process.env['CI']) throw error;
      t.skip(`cannot create a database of its own here (${(error as Error).message})`);
      return;
    }
    try {
      const url = new URL(database.url);
      url.pathname = `/${name}`;
      const store = await openPostgresStore({ connectionString: url.toString() });
      try {
        await store.insertUser(user);
      } finally {
        await store.close();
      }
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ email: string }>('SELECT email FROM public.users');
        assert.deepEqual(rows, [{ email: user.email }]);
      } finally {
        await client.end();
      }
    } finally {
      await withAdmin((client) => client.query(`DROP DATABASE ${pg.escapeIdentifier(name)}`));
    }
  });

  it('rejects every call with StoreUnavailableError once closed, and close is idempotent', async () => {
    const store = await open(newSchema());
    await store.close();
    await store.close();
    await assert.rejects(store.ping(), StoreUnavailableError);
    await assert.rejects(store.getUserById('user-1'), StoreUnavailableError);
    await assert.rejects(store.insertUser(user), StoreUnavailableError);
    await assert.rejects(store.incrementCounter('k', 1, 60, new Date(0)), StoreUnavailableError);
    await assert.rejects(store.appendRevocations([]), StoreUnavailableError);
  });

  it('reports a server that is not there as StoreUnavailableError at once, with the driver error as cause', async () => {
    // A port that was free a moment ago: nothing listens, the connection is refused.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => {
          resolve(typeof address === 'object' && address !== null ? address.port : 1);
        });
      });
    });
    const started = performance.now();
    await assert.rejects(
      openPostgresStore({ connectionString: `postgres://postgres@127.0.0.1:${port}/test`, schema: 'x' }),
      (error: unknown) =>
        error instanceof StoreUnavailableError &&
        (error.cause as { code?: string }).code === 'ECONNREFUSED' &&
        error.message === 'PostgreSQL store: open failed (ECONNREFUSED).',
    );
    assert.ok(performance.now() - started < 2000);
  });

  it('reports a database that does not exist as StoreUnavailableError', async () => {
    const url = new URL(database.url);
    url.pathname = `/tessera_missing_${randomBytes(6).toString('hex')}`;
    await assert.rejects(
      openPostgresStore({ connectionString: url.toString() }),
      (error: unknown) => error instanceof StoreUnavailableError && /3D000/.test(error.message),
    );
  });

  it('throws TypeError for bad options', async () => {
    const connectionString = database.url;
    for (const options of [
      { connectionString: '' },
      { connectionString: 42 as unknown as string },
      { connectionString, schema: '' },
      { connectionString, schema: 'x'.repeat(64) },
      { connectionString, schema: 'a\0b' },
      { connectionString, maxConnections: 0 },
      { connectionString, maxConnections: 1.5 },
    ]) {
      await assert.rejects(openPostgresStore(options), TypeError, JSON.stringify(options));
    }
  });
});
