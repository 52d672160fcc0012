// DESIGN §3.2 as a property: no request (any method, path, header, cookie or body, sent slowly or
// cut off) stops the process, leaks memory, or gets a 5xx other than 503. Hostile requests go to a
// real server process over raw sockets; after each one the process must be alive, answer /livez,
// and stay within a memory bound.
//
// `npm test` runs a fixed seed within a time budget. `npm run test:fuzz` runs longer with a random
// seed; TESSERA_FUZZ_SEED, TESSERA_FUZZ_RUNS and TESSERA_FUZZ_SECONDS override either (a failure
// prints the seed and path that replay it: add TESSERA_FUZZ_PATH).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TesseraStore } from '@tessera/core';
import { openPostgresStore } from '@tessera/stores/postgres';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { PASSWORD, send, sessionCookieFrom, TEST_SECRET, uniqueEmail } from './harness.js';
import { hostileRequestArb, type FuzzCredentials } from './hostile-request-arbitraries.js';
import { describeRequest, exchange, owesAnswer } from './hostile-requests.js';
import { livez, ServerUnderFuzz } from './server-under-fuzz.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();

const long = process.env['TESSERA_FUZZ'] === '1';
function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}
const seed = envNumber('TESSERA_FUZZ_SEED', long ? Math.floor(Math.random() * 2 ** 31) : 20_261_206);
const numRuns = envNumber('TESSERA_FUZZ_RUNS', long ? 1_000_000 : 2_000);
/** Per store: `npm test` fuzzes two servers (embedded SQLite; PostgreSQL and Redis). */
const budgetSeconds = envNumber('TESSERA_FUZZ_SECONDS', long ? 300 : 22);
const replayPath = process.env['TESSERA_FUZZ_PATH'];

/** Growth over the RSS right after start that counts as a leak: generous, a bound not a budget. */
const MEMORY_BOUND_BYTES = 256 * 1024 * 1024;
/** Waits: a hang is a failure only past these (never asserted as timings). */
const ANSWER_TIMEOUT_MS = 10_000;
const SETTLE_MS = 100;
const LIVEZ_TIMEOUT_MS = 10_000;
const AFTERMATH_MS = 20;
const EXIT_WAIT_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers an account on the running server, signs it in as a bearer client too, and makes an admin. */
async function seedCredentials(
  url: string,
  openServerStore: () => TesseraStore | Promise<TesseraStore>,
): Promise<FuzzCredentials> {
  const email = uniqueEmail('fuzz');
  const registered = await send(url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
  assert.equal(registered.status, 201, registered.text);
  const bearer = await send(url, 'POST', '/auth/login', {
    body: { email, password: PASSWORD, transport: 'bearer' },
  });
  assert.equal(bearer.status, 200, bearer.text);
  const adminEmail = uniqueEmail('fuzz-admin');
  const admin = await send(url, 'POST', '/auth/register', {
    body: { email: adminEmail, password: PASSWORD },
  });
  assert.equal(admin.status, 201, admin.text);
  // What `tessera users set-roles` does, on the server's own database.
  const store = await openServerStore();
  try {
    await store.updateUserRoles(admin.json.user.id as string, ['admin']);
  } finally {
    await store.close();
  }
  return {
    userId: registered.json.user.id as string,
    sessionCookie: sessionCookieFrom(registered) ?? '',
    accessToken: bearer.json.access_token as string,
    refreshToken: bearer.json.refresh_token as string,
    adminCookie: sessionCookieFrom(admin) ?? '',
  };
}

/** One server configuration to fuzz: its environment, its store opened from the test, and cleanup. */
interface FuzzTarget {
  env: Record<string, string>;
  openStore: () => TesseraStore | Promise<TesseraStore>;
  cleanup: () => void | Promise<void>;
}

/** The fuzz run against a server process configured by `target`. */
function fuzzServer(setUp: () => FuzzTarget | Promise<FuzzTarget>): void {
  let target: FuzzTarget | undefined;
  let server: ServerUnderFuzz;
  let credentials: FuzzCredentials;

  before(async () => {
    target = await setUp();
    server = new ServerUnderFuzz({ TESSERA_SECRET: TEST_SECRET, ...target.env });
    await server.start();
    credentials = await seedCredentials(server.url, target.openStore);
  });

  after(async () => {
    await server.stop();
    await target?.cleanup();
  });

  it('hostile requests to every route: the process lives and answers /livez, no 5xx but 503, memory bounded', async (t) => {
    t.diagnostic(
      `seed ${seed}, up to ${numRuns} requests or ${budgetSeconds} s${replayPath ? `, path ${replayPath}` : ''}`,
    );
    if (long) console.log(`request fuzz: seed ${seed}, up to ${numRuns} requests or ${budgetSeconds} s`);
    const started = performance.now();
    let lastProgress = started;
    let sent = 0;
    let previous = '(none)';
    const statusCounts = new Map<string, number>();

    const property = fc.asyncProperty(
      // A crash found is replayed on a restarted server for every shrink step: keep shrinking short.
      fc.limitShrink(hostileRequestArb(credentials), 60),
      async (request) => {
        // A shrink step after a crash needs a live server to replay on.
        if (!server.alive) {
          await server.start();
          previous = '(none: the server was restarted for this request)';
        }
        const result = await exchange(server.url, request, {
          answerTimeoutMs: ANSWER_TIMEOUT_MS,
          settleMs: SETTLE_MS,
        });
        sent += 1;
        for (const status of result.statuses.length > 0 ? result.statuses : ['none']) {
          statusCounts.set(`${status}`, (statusCounts.get(`${status}`) ?? 0) + 1);
        }
        const report = () =>
          `request:\n${describeRequest(request)}\nanswer: ${JSON.stringify(result.head)}` +
          (result.socketError ? ` (client saw ${result.socketError})` : '');

        // An error a request sets off after its answer (a stream failing once the client is gone)
        // gets a moment to land, so that it is blamed on this request rather than the next.
        await sleep(AFTERMATH_MS);
        const live = server.alive ? await livez(server.url, LIVEZ_TIMEOUT_MS) : 'nothing (process gone)';
        if (live !== 200) {
          const died = await server.exited(EXIT_WAIT_MS);
          throw new Error(
            `${died ? 'the server process died' : `/livez answered ${live}`} during or just after this ${report()}\n` +
              `${died ? server.deathReport() : ''}\nThe request before it (a late crash can surface one request later):\n${previous}`,
          );
        }
        previous = describeRequest(request);
        const serverErrors = result.statuses.filter((status) => status >= 500 && status !== 503);
        if (serverErrors.length > 0)
          throw new Error(`answered ${serverErrors.join(', ')} to this ${report()}`);
        if (owesAnswer(request) && result.statuses.length === 0) {
          throw new Error(`no answer to this complete, well-framed ${report()}`);
        }
        const resident = server.residentBytes();
        const baseline = server.baselineBytes;
        if (resident !== undefined && baseline !== undefined && resident > baseline + MEMORY_BOUND_BYTES) {
          throw new Error(
            `memory grew from ${baseline >> 20} MiB to ${resident >> 20} MiB (bound: +${MEMORY_BOUND_BYTES >> 20} MiB).\n${report()}`,
          );
        }
        if (long && performance.now() - lastProgress > 10_000) {
          lastProgress = performance.now();
          const seconds = Math.round((lastProgress - started) / 1000);
          console.log(
            `request fuzz: ${sent} requests in ${seconds} s, rss ${(resident ?? 0) >> 20} MiB, statuses ${JSON.stringify(Object.fromEntries(statusCounts))}`,
          );
        }
      },
    );

    const details = await fc.check(property, {
      seed,
      numRuns,
      interruptAfterTimeLimit: budgetSeconds * 1000,
      markInterruptAsFailure: false,
      ...(replayPath ? { path: replayPath, endOnFailure: true } : {}),
    });
    const summary = `${sent} requests in ${Math.round((performance.now() - started) / 1000)} s; statuses ${JSON.stringify(Object.fromEntries(statusCounts))}; server restarts after a crash: ${server.crashes}`;
    t.diagnostic(summary);
    if (long) console.log(`request fuzz: ${summary}`);
    if (details.failed) {
      // fast-check's report: the shrunk counterexample, the error it raised, the seed and path.
      const replay = `TESSERA_FUZZ_SEED=${details.seed} TESSERA_FUZZ_PATH=${details.counterexamplePath} npm run test:fuzz`;
      const error =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      const message = `${fc.defaultReportMessage(details) ?? 'request fuzz failed'}\n${error}\nreplay: ${replay}`;
      assert.fail(message);
    }
    assert.ok(sent > 0, 'at least one request was sent');
  });
}

describe('no request can hurt the server (DESIGN §3.2): embedded SQLite', () => {
  fuzzServer(() => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-'));
    return {
      env: { TESSERA_DATA_DIR: dataDir },
      openStore: () => openSqliteStore({ path: join(dataDir, 'tessera.db') }),
      cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    };
  });
});

describe('no request can hurt the server (DESIGN §3.2): PostgreSQL and Redis', { skip }, () => {
  fuzzServer(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-'));
    const database = await createTestDatabase();
    const redis = createTestRedisPrefix();
    return {
      env: {
        TESSERA_DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        REDIS_URL,
        TESSERA_REDIS_PREFIX: redis.prefix,
      },
      openStore: () => openPostgresStore({ connectionString: database.url }),
      cleanup: async () => {
        await database.drop();
        await redis.cleanup();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  });
});
