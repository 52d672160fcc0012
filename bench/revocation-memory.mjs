// Revocation-set memory: what a @tessera/verify verifier pays to hold 10⁶ revoked sessions (10⁵ with
// --quick). The revocation log of an embedded SQLite store is filled through a bulk path (one
// transaction per 10,000 rows, into the table the store created; ids as the server makes them, 16
// random bytes in base64url, each entry alive for an hour), then the built server (apps/tessera/dist)
// starts on it and a verifier process (bench/lib/revocation-follower.mjs) follows its feed from the
// start, the way a new verifier does: the server replays every revocation in force. Measured in the
// verifier: heap and RSS growth per entry (after a full GC), the catch-up time, isRevoked for a
// revoked and a never-revoked id against the full set and an empty one, and the once-a-second sweep
// of expired entries, which walks the whole set. The server runs on core 1, the verifier on core 0
// where taskset exists.
//
//   npm run bench:revocation-memory [-- --quick] [-- --json out.json] [-- --entries 1000000]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openSqliteStore } from '@tessera/stores/sqlite';
import Database from 'better-sqlite3';
import { parseBenchArgs, progress, reportBench, round, summarize } from './lib/bench-report.mjs';
import { startAnnouncing } from './lib/services.mjs';
import { canPin } from './lib/start-instrumented-server.mjs';

const args = parseBenchArgs();
const entries = args.number('--entries', args.quick ? 100_000 : 1_000_000);
const samples = args.number('--samples', args.quick ? 500 : 2000);
const BATCH = 10_000;
const SAMPLE_IDS = 10_000;
const root = new URL('..', import.meta.url).pathname;
const pinnedTo = (core, command) =>
  canPin ? ['taskset', ['-c', String(core), process.execPath, ...command]] : [process.execPath, command];

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-revocation-memory-'));
const children = [];
try {
  // The store creates its tables; the bulk path writes the log the way appendRevocations would.
  await openSqliteStore({ path: join(dataDir, 'tessera.db') }).close();
  const db = new Database(join(dataDir, 'tessera.db'));
  const insert = db.prepare('INSERT INTO revocations (session_id, revoked_at, expires_at) VALUES (?, ?, ?)');
  const revokedAt = Date.now();
  const expiresAt = revokedAt + 3600_000;
  const sampleIds = [];
  const insertBatch = db.transaction((count) => {
    for (let i = 0; i < count; i += 1) {
      const sessionId = randomBytes(16).toString('base64url');
      if (sampleIds.length < SAMPLE_IDS) sampleIds.push(sessionId);
      insert.run(sessionId, revokedAt, expiresAt);
    }
  });
  for (let written = 0; written < entries; written += BATCH) {
    insertBatch(Math.min(BATCH, entries - written));
    if ((written + BATCH) % 100_000 === 0)
      progress(`${(written + BATCH).toLocaleString('en')} revocations written`);
  }
  db.close();
  const sampleFile = join(dataDir, 'sample-ids.json');
  writeFileSync(sampleFile, JSON.stringify(sampleIds));

  const [serverCommand, serverArgs] = pinnedTo(1, [join(root, 'apps/tessera/dist/main.js')]);
  const url = await startAnnouncing(
    serverCommand,
    serverArgs,
    { TESSERA_DATA_DIR: dataDir, TESSERA_SECRET: randomBytes(32).toString('base64url') },
    children,
  );
  progress(
    `the server is up; a verifier follows its feed until it holds ${entries.toLocaleString('en')} entries…`,
  );
  const [verifierCommand, verifierArgs] = pinnedTo(0, [
    '--expose-gc',
    join(root, 'bench/lib/revocation-follower.mjs'),
    `${url}/auth/revocations`,
    String(entries),
    sampleFile,
    String(samples),
  ]);
  const { stdout } = await promisify(execFile)(verifierCommand, verifierArgs, {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1));

  const ns = (values) => summarize(values);
  const fullHit = ns(result.full.hit);
  const fullMiss = ns(result.full.miss);
  const emptyMiss = ns(result.empty.miss);
  const sweep = (values) => round(summarize(values).p50);
  reportBench(
    {
      bench: 'revocation-memory',
      tables: [
        {
          title:
            `Revocation set of a @tessera/verify verifier holding ${entries.toLocaleString('en')} revoked sessions, ` +
            `filled by followRevocationFeed from the server's replay: memory per entry (after a full GC) and ` +
            `isRevoked per call (ns; mean of batches of 100 calls, p50 and p99 over ${samples} batches)`,
          columns: [
            'set',
            'entries',
            'heap bytes/entry',
            'RSS bytes/entry',
            'catch-up s',
            'revoked id p50 ns',
            'revoked id p99 ns',
            'unknown id p50 ns',
            'unknown id p99 ns',
            'expiry sweep ms',
          ],
          rows: [
            [
              'followed from the feed',
              result.entries.toLocaleString('en'),
              round(result.heapBytes / result.entries),
              round(result.rssBytes / result.entries),
              round(result.catchUpSeconds),
              round(fullHit.p50),
              round(fullHit.p99),
              round(fullMiss.p50),
              round(fullMiss.p99),
              sweep(result.full.sweepMs),
            ],
            [
              'empty',
              0,
              '—',
              '—',
              '—',
              '—',
              '—',
              round(emptyMiss.p50),
              round(emptyMiss.p99),
              sweep(result.empty.sweepMs),
            ],
          ],
          chart: {
            column: 'unknown id p50 ns',
            unit: 'ns',
            title: 'isRevoked of an unknown id: full set vs empty',
          },
        },
      ],
      targets: [],
    },
    args.jsonPath,
  );
} finally {
  for (const child of children) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
