// The verifier side of bench/revocation-memory.mjs, in a process of its own so that nothing else is
// on its heap: a @tessera/verify RevocationSet kept by followRevocationFeed from a running auth
// server, until it holds the expected number of entries. Prints one JSON line: heap and RSS growth
// (after a full GC, the feed closed, the set still held), the catch-up time, and isRevoked timings
// on this set and on an empty one, for revoked ids (read from a file only after the memory was
// measured) and for ids never revoked. Run with --expose-gc.
//
//   node --expose-gc revocation-follower.mjs <feed url> <expected entries> <sample ids file> <samples>
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { followRevocationFeed, RevocationSet } from '@tessera/verify';

const [feedUrl, expectedText, sampleFile, samplesText] = process.argv.slice(2);
const expected = Number(expectedText);
const samples = Number(samplesText);
/** isRevoked calls per timed batch: one call (~0.1 µs) is too short for the clock to time alone. */
const BATCH = 100;
const SWEEPS = 5;

const measureMemory = () => {
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
};

const baseline = measureMemory();
const revocations = new RevocationSet();
const startedAt = performance.now();
const feed = followRevocationFeed({ url: feedUrl, revocations });
while (revocations.size < expected) await new Promise((resolve) => setTimeout(resolve, 50));
const catchUpSeconds = (performance.now() - startedAt) / 1000;
feed.close();
await new Promise((resolve) => setTimeout(resolve, 200));
const held = measureMemory();
if (revocations.size !== expected) throw new Error(`the set holds ${revocations.size}, not ${expected}`);

const revokedIds = JSON.parse(readFileSync(sampleFile, 'utf8'));
const unknownIds = Array.from({ length: revokedIds.length }, () => randomBytes(16).toString('base64url'));
const now = new Date();

/** Per-call nanoseconds of `set.isRevoked` over batches of ids, each batch timed as a whole. */
function timeChecks(set, ids, answer) {
  const perCall = [];
  let at = 0;
  for (let sample = 0; sample < samples; sample += 1) {
    const startedAt = performance.now();
    for (let i = 0; i < BATCH; i += 1) {
      if (set.isRevoked(ids[at], now) !== answer) throw new Error('isRevoked gave the wrong answer');
      at = (at + 1) % ids.length;
    }
    perCall.push(((performance.now() - startedAt) * 1e6) / BATCH);
  }
  return perCall;
}

/** The sweep of expired entries (isRevoked and the feed marks run it at most once a second). */
function timeSweeps(set) {
  const durations = [];
  for (let i = 0; i < SWEEPS; i += 1) {
    const startedAt = performance.now();
    set.prune(now);
    durations.push(performance.now() - startedAt);
  }
  return durations;
}

const empty = new RevocationSet();
empty.markFeedHealthy(now);
// Warm-up of both sets (and the first sweep of each, which isRevoked runs with a new clock reading).
timeChecks(revocations, revokedIds, true);
timeChecks(empty, unknownIds, false);
const result = {
  entries: revocations.size,
  catchUpSeconds,
  heapBytes: held.heapUsed - baseline.heapUsed,
  rssBytes: held.rss - baseline.rss,
  full: {
    hit: timeChecks(revocations, revokedIds, true),
    miss: timeChecks(revocations, unknownIds, false),
    sweepMs: timeSweeps(revocations),
  },
  empty: {
    miss: timeChecks(empty, unknownIds, false),
    sweepMs: timeSweeps(empty),
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
