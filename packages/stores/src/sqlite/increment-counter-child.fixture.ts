// Run as a child process by open-sqlite-store.test.ts: opens its own connection to the file at argv[2],
// says "ready", waits for a line on stdin, then increments the counter argv[3] argv[4] times. The
// parent releases every child at once, so their increments really interleave on one database file.
import { once } from 'node:events';
import { openSqliteStore } from './open-sqlite-store.js';

const [path, key, times] = process.argv.slice(2);
if (path === undefined || key === undefined || times === undefined) {
  throw new TypeError('usage: increment-counter-child.fixture.ts <path> <key> <times>');
}
const store = openSqliteStore({ path });
const now = new Date('2030-01-01T00:00:00.000Z');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < Number(times); i += 1) await store.incrementCounter(key, 1, 900, now);
await store.close();
process.exit(0);
