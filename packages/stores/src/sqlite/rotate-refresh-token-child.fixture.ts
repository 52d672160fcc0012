// Run as a child process by open-sqlite-store.test.ts: opens its own connection to the file at argv[2],
// says "ready", waits for a line on stdin, then tries to rotate the refresh token of each of the argv[3]
// sessions `race-0`, `race-1`… from its initial hash to a successor of its own (argv[4] names this
// child), and prints the indexes of the rotations it won as a JSON array. The parent releases every
// child at once, so their compare-and-sets on the same sessions really interleave.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { openSqliteStore } from './open-sqlite-store.js';

// The parent computes the same hashes: `raceHash('initial', i)` is what it stored for `race-i`.
function raceHash(owner: string, index: number): string {
  return createHash('sha256')
    .update(`${owner}:${String(index)}`)
    .digest('hex');
}

const [path, sessions, child] = process.argv.slice(2);
if (path === undefined || sessions === undefined || child === undefined) {
  throw new TypeError('usage: rotate-refresh-token-child.fixture.ts <path> <sessions> <child>');
}
const store = openSqliteStore({ path });
const rotatedAt = new Date('2030-01-01T00:01:00.000Z');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const won: number[] = [];
for (let index = 0; index < Number(sessions); index += 1) {
  const next = {
    refreshTokenHash: raceHash(child, index),
    previousRefreshTokenHash: raceHash('initial', index),
    refreshRotatedAt: rotatedAt,
    refreshGeneration: 1,
  };
  if (await store.rotateSessionRefreshToken(`race-${String(index)}`, raceHash('initial', index), next)) {
    won.push(index);
  }
}
await store.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
process.exit(0);
