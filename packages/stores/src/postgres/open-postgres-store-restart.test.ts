// Fault test: PostgreSQL restarts (cleanly, then as after a crash) under an open store. Runs against a
// private cluster of its own, never the shared service, which other tests are using.
import type { TesseraStore } from '@tessera/core';
import type { SessionRecord, UserRecord } from '@tessera/core/store';
import { StoreUnavailableError } from '@tessera/core';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { requireService } from '../lib/require-service.js';
import { openPostgresStore } from './open-postgres-store.js';
import { startPrivatePostgres } from './start-private-postgres.fixture.js';

const starting = startPrivatePostgres();
const { skip } = await requireService(
  'a private PostgreSQL cluster (initdb + pg_ctl from the machine’s PostgreSQL binaries)',
  () => starting,
  'install the PostgreSQL server binaries (postgresql-15 on Debian), which ../shared/SERVICES.md says every machine has',
);
// Stopped and deleted even when a test fails, or when it started too late for requireService.
after(() => starting.then((server) => server.destroy()).catch(() => undefined));

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const hash = (): string => randomBytes(32).toString('hex');

function makeUser(index: number): UserRecord {
  return {
    id: `user-${index}`,
    email: `user-${index}@example.test`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    roles: index % 2 === 0 ? ['admin'] : [],
    createdAt: at(index),
    disabledAt: null,
    emailVerified: false,
  };
}

function makeSession(userId: string, name: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: `${userId}-${name}`,
    secretHash: hash(),
    userId,
    createdAt: at(60),
    lastSeenAt: at(60),
    idleExpiresAt: at(7260),
    absoluteExpiresAt: at(86_460),
    ip: '203.0.113.7',
    userAgent: 'restart-test',
    transport: 'cookie',
    refreshTokenHash: null,
    previousRefreshTokenHash: null,
    refreshRotatedAt: null,
    refreshGeneration: 0,
    authenticatedAt: at(60),
    amr: ['pwd'],
    ...overrides,
  };
}

// Each call must fail fast with StoreUnavailableError, never hang and never be mistaken for "not found".
async function assertUnavailable(
  t: { diagnostic(message: string): void },
  calls: Record<string, () => Promise<unknown>>,
): Promise<void> {
  for (const [name, call] of Object.entries(calls)) {
    const started = performance.now();
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError, `${name}: ${String(error)}`);
      assert.ok(error.cause instanceof Error, `${name}: the driver error is the cause`);
      t.diagnostic(
        `outage: ${name} rejected in ${Math.round(performance.now() - started)} ms: ${error.message}`,
      );
      return true;
    });
    // ECONNREFUSED comes back at once; the connection timeout (5 s) is the bound if packets were dropped.
    assert.ok(performance.now() - started < 6000, `${name} took too long`);
  }
}

describe('openPostgresStore when PostgreSQL restarts', { skip }, () => {
  it('loses nothing, fails calls during the outage with StoreUnavailableError, and recovers by itself', async (t) => {
    const server = await starting;
    const store = await openPostgresStore({
      connectionString: server.url,
      schema: 'tessera',
      maxConnections: 4,
    });
    const expectedUsers: UserRecord[] = [];
    const expectedSessions = new Map<string, SessionRecord>();
    try {
      // Users, with a cookie, a bearer and a jwt-cookie session each; the bearer chains are rotated once.
      for (let index = 0; index < 20; index += 1) {
        const user = makeUser(index);
        assert.equal(await store.insertUser(user), true);
        expectedUsers.push(user);
        for (const session of [
          makeSession(user.id, 'cookie', { createdAt: at(60) }),
          makeSession(user.id, 'bearer', {
            createdAt: at(61),
            transport: 'bearer',
            refreshTokenHash: hash(),
          }),
          makeSession(user.id, 'jwt', {
            createdAt: at(62),
            transport: 'jwt-cookie',
            refreshTokenHash: hash(),
          }),
        ]) {
          await store.insertSession(session);
          expectedSessions.set(session.id, session);
        }
        const bearer = expectedSessions.get(`${user.id}-bearer`)!;
        const next = {
          refreshTokenHash: hash(),
          previousRefreshTokenHash: bearer.refreshTokenHash,
          refreshRotatedAt: at(120),
          refreshGeneration: 1,
        };
        assert.equal(await store.rotateSessionRefreshToken(bearer.id, bearer.refreshTokenHash!, next), true);
        expectedSessions.set(bearer.id, { ...bearer, ...next });
      }
      assert.equal((await store.incrementCounter('login:user-0', 3, 900, T0))?.count, 3);
      const revoked = await store.appendRevocations([
        { sessionId: 'gone-1', revokedAt: T0, expiresAt: at(900) },
        { sessionId: 'gone-2', revokedAt: T0, expiresAt: at(900) },
      ]);
      // Several idle pooled connections, which the shutdown will close under the pool.
      await Promise.all(Array.from({ length: 4 }, () => store.ping()));

      // A call in flight when the server goes down: an append held up by another session's table lock.
      const blocker = new pg.Client({ connectionString: server.url });
      blocker.on('error', () => undefined);
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE tessera.revocations IN ACCESS EXCLUSIVE MODE');
      const inFlight = store.appendRevocations([
        { sessionId: 'in-flight', revokedAt: T0, expiresAt: at(900) },
      ]);
      const inFlightOutcome = inFlight.then(
        () => null,
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));

      let started = performance.now();
      await server.stop('fast');
      t.diagnostic(`clean shutdown took ${Math.round(performance.now() - started)} ms`);
      await blocker.end().catch(() => undefined);
      const inFlightError = await inFlightOutcome;
      assert.ok(inFlightError instanceof StoreUnavailableError, `in flight: ${String(inFlightError)}`);
      t.diagnostic(`outage: the append in flight rejected with: ${inFlightError.message}`);

      const outageCalls = {
        ping: () => store.ping(),
        getSession: () => store.getSession('user-0-cookie'),
        getUserByEmail: () => store.getUserByEmail('user-0@example.test'),
        insertUser: () => store.insertUser(makeUser(1000)),
        rotateSessionRefreshToken: () =>
          store.rotateSessionRefreshToken('user-1-bearer', hash(), {
            refreshTokenHash: hash(),
            previousRefreshTokenHash: null,
            refreshRotatedAt: at(130),
            refreshGeneration: 2,
          }),
        incrementCounter: () => store.incrementCounter('login:user-0', 1, 900, T0),
        listRevocations: () => store.listRevocations(null, T0, 10),
      };
      await assertUnavailable(t, outageCalls);

      started = performance.now();
      await server.start();
      t.diagnostic(`restart took ${Math.round(performance.now() - started)} ms`);
      // The same store instance, no retry: the pool opens fresh connections on demand.
      started = performance.now();
      await store.ping();
      t.diagnostic(`first call after the restart succeeded in ${Math.round(performance.now() - started)} ms`);

      await assertEverythingKept(store, expectedUsers, expectedSessions);
      assert.equal((await store.getCounter('login:user-0', T0))?.count, 3);
      // The append that was in flight was rolled back whole; the earlier ones are all there.
      assert.deepEqual(await store.listRevocations(null, T0, 10), revoked);

      // Then a crash (immediate stop: no checkpoint, recovery replays the WAL): committed writes survive.
      const late = makeSession('user-3', 'late', { createdAt: at(63) });
      await store.insertSession(late);
      expectedSessions.set(late.id, late);
      const jwt = expectedSessions.get('user-3-jwt')!;
      const next = {
        refreshTokenHash: hash(),
        previousRefreshTokenHash: jwt.refreshTokenHash,
        refreshRotatedAt: at(140),
        refreshGeneration: 1,
      };
      assert.equal(await store.rotateSessionRefreshToken(jwt.id, jwt.refreshTokenHash!, next), true);
      expectedSessions.set(jwt.id, { ...jwt, ...next });

      await server.stop('immediate');
      await assertUnavailable(t, { ping: outageCalls.ping, getSession: outageCalls.getSession });
      started = performance.now();
      await server.start();
      t.diagnostic(`crash recovery and start took ${Math.round(performance.now() - started)} ms`);
      await store.ping();
      await assertEverythingKept(store, expectedUsers, expectedSessions);
      // The replaced token no longer rotates the chain: the compare-and-set state survived too.
      assert.equal(
        await store.rotateSessionRefreshToken(jwt.id, jwt.refreshTokenHash!, {
          ...next,
          refreshGeneration: 2,
        }),
        false,
      );
    } finally {
      await store.close();
    }
  });
});

async function assertEverythingKept(
  store: TesseraStore,
  users: readonly UserRecord[],
  sessions: ReadonlyMap<string, SessionRecord>,
): Promise<void> {
  for (const user of users) {
    assert.deepEqual(await store.getUserById(user.id), user);
    assert.deepEqual(await store.getUserByEmail(user.email), user);
    const own = [...sessions.values()]
      .filter((session) => session.userId === user.id)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    assert.deepEqual(await store.listUserSessions(user.id), own);
  }
  for (const session of sessions.values()) assert.deepEqual(await store.getSession(session.id), session);
}
