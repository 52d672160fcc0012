// What one more middleware layer and one more route handler cost in Express itself, with no auth:
// the Express adapter's protected route (bench/auth-throughput.mjs) passes through both, so this is
// the part of its gap to a no-auth route that any Express auth middleware pays. Server pinned to
// core 1, autocannon to core 0 (Linux with taskset); each route gets a 1 s warm-up, then 5 s,
// alternating, for --passes passes (default 3). Prints each pass and the ratio of the medians.
//
//   node bench/express-layers.mjs [--passes 3]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runLoad } from './lib/load-generator.mjs';
import { startAnnouncing } from './lib/services.mjs';

const root = new URL('..', import.meta.url).pathname;
const passesIndex = process.argv.indexOf('--passes');
const passes = passesIndex === -1 ? 3 : Number(process.argv[passesIndex + 1]);
const pinned = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;
const children = [];
const script = join(root, 'bench/contenders/express-layers.mjs');
const url = await startAnnouncing(
  pinned ? 'taskset' : process.execPath,
  pinned ? ['-c', '1', process.execPath, script] : [script],
  {},
  children,
);

/** Load on core 0, the server being pinned to core 1. */
const load = (path, duration) => runLoad({ url: `${url}${path}`, connections: 10, duration }, { core: 0 });

const rates = { '/open': [], '/layered': [] };
try {
  for (let pass = 1; pass <= passes; pass += 1) {
    for (const path of Object.keys(rates)) {
      await load(path, 1);
      const result = await load(path, 5);
      const perSecond = Math.round(result.requests / result.durationSeconds);
      rates[path].push(perSecond);
      process.stderr.write(`pass ${pass}/${passes}: GET ${path} ${perSecond} req/s\n`);
    }
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const open = median(rates['/open']);
const layered = median(rates['/layered']);
process.stdout.write(
  `Express, no auth: GET /open ${open} req/s, GET /layered (one no-op middleware + one no-op handler) ` +
    `${layered} req/s (medians of ${passes}): ${(layered / open).toFixed(2)}×\n`,
);
