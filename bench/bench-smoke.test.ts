// Smoke test of the benchmark suite: the cheap parts run in quick mode (login storm, session growth,
// sign-in cost and revocation-set memory through the runner, the revocation comparison directly with
// tiny counts), and each result must have its tables and targets in the shape the runner and the
// other bench scripts share. The numbers themselves are never asserted: they depend on the machine.
// Scripts that only report (issue 17's new numbers have no target) may have no target row.
//
// bench/next-auth-cost.mjs is left out: its quick run needs a `next build` of bench/next-app on a
// fresh checkout (30–90 s here, more on a loaded machine; 81 s measured for the whole quick run),
// which is past the ~60 s a smoke case may take. Its Next.js side is covered by the real-Next test
// of examples/next-app (apps/tessera/test/browser/next-app.test.ts); run `npm run bench:next --
// --quick` after changing the bench app.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { findTestDatabase } from '../packages/stores/src/postgres/find-test-database.fixture.js';
import { requireSharedRedis, testRedisUrl } from '../packages/stores/src/redis/shared-redis.fixture.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const database = await findTestDatabase();
const redis = await requireSharedRedis();
const skip = database.skip === false ? redis.skip : database.skip;
const env = { ...process.env, TESSERA_TEST_DATABASE_URL: database.url, TESSERA_TEST_REDIS_URL: testRedisUrl };

interface BenchResult {
  bench: string;
  tables: { title: unknown; columns: unknown; rows: unknown }[];
  targets: { name: unknown; target: unknown; measured: unknown; met: unknown }[];
}

/** Benches that measure without a target to meet. */
const reportOnly = new Set(['sign-in-cost', 'revocation-memory']);

function assertResultShape(result: BenchResult, bench: string): void {
  assert.equal(result.bench, bench);
  assert.ok(result.tables.length > 0, `${bench}: no table`);
  for (const table of result.tables) {
    assert.equal(typeof table.title, 'string');
    assert.ok(Array.isArray(table.columns) && table.columns.length > 1, `${bench}: columns`);
    assert.ok(Array.isArray(table.rows) && table.rows.length > 0, `${bench}: rows`);
    for (const row of table.rows as unknown[][]) assert.equal(row.length, table.columns.length);
  }
  assert.ok(Array.isArray(result.targets), `${bench}: targets`);
  if (!reportOnly.has(bench)) assert.ok(result.targets.length > 0, `${bench}: no target`);
  for (const target of result.targets) {
    assert.equal(typeof target.name, 'string');
    assert.equal(typeof target.target, 'string');
    assert.equal(typeof target.measured, 'string');
    assert.equal(typeof target.met, 'boolean');
  }
}

describe('bench suite, quick smoke', { skip, timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'tessera-bench-smoke-'));

  before(async () => {
    // The bench scripts run the compiled packages: build them when the sources are newer.
    await run(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root });
  });
  after(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('the runner runs the login storm and session growth and writes results, charts and a page', async () => {
    await run(
      process.execPath,
      [join(root, 'bench/run.mjs'), '--quick', '--only', 'login-storm,session-growth', '--out', out],
      { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      results: BenchResult[];
      failures: string[];
    };
    assert.deepEqual(results.failures, []);
    assert.deepEqual(
      results.results.map((result) => result.bench),
      ['login-storm', 'session-growth'],
    );
    for (const result of results.results) assertResultShape(result, result.bench);
    for (const chart of ['login-storm.svg', 'session-growth.svg']) {
      assert.match(readFileSync(join(out, chart), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    assert.ok(existsSync(join(out, 'README.md')));
  });

  it('the runner runs the sign-in cost and the revocation-set memory, every row filled', async () => {
    const newOut = join(out, 'issue-17');
    await run(
      process.execPath,
      [join(root, 'bench/run.mjs'), '--quick', '--only', 'sign-in-cost,revocation-memory', '--out', newOut],
      { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
    );
    const results = JSON.parse(readFileSync(join(newOut, 'results.json'), 'utf8')) as {
      results: BenchResult[];
      failures: string[];
    };
    assert.deepEqual(results.failures, []);
    assert.deepEqual(
      results.results.map((result) => result.bench),
      ['sign-in-cost', 'revocation-memory'],
    );
    for (const result of results.results) assertResultShape(result, result.bench);
    const [signIn, revocationMemory] = results.results as [BenchResult, BenchResult];
    const methods = (signIn.tables[0]?.rows as unknown[][]).map((row) => row[0]);
    assert.deepEqual(methods, [
      'password (Argon2id)',
      'password (Argon2id) + TOTP',
      'passkey (ES256)',
      'OIDC callback (code exchange, RS256 ID token)',
    ]);
    for (const row of signIn.tables[0]?.rows as unknown[][]) {
      for (const cell of row.slice(2))
        assert.ok(typeof cell === 'number' && Number.isFinite(cell), `${String(row[0])}: ${String(cell)}`);
    }
    const followed = (revocationMemory.tables[0]?.rows as unknown[][])[0] ?? [];
    assert.equal(followed[1], '100,000');
    assert.ok(typeof followed[2] === 'number' && followed[2] > 0, 'heap bytes per entry');
  });

  it('the revocation comparison measures Tessera, jsonwebtoken and Better Auth', async () => {
    const jsonPath = join(out, 'revocation.json');
    await run(
      process.execPath,
      [
        join(root, 'bench/revocation-propagation.mjs'),
        '--quick',
        ...['--sessions', '5', '--alternative-sessions', '2', '--jwt-lifetime', '1', '--cookie-cache', '1'],
        ...['--json', jsonPath],
      ],
      { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
    );
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResult;
    assertResultShape(result, 'revocation-propagation');
    // Tessera at another instance (bearer, session cookie) and at a verifier; the two alternatives.
    const comparison = result.tables[1]?.rows as unknown[][];
    assert.equal(comparison.length, 5);
    const propagation = result.tables[0]?.rows as unknown[][];
    assert.equal(propagation.length, 4);
  });
});
