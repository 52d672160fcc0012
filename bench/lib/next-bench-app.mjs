// The Next.js app of bench/next-auth-cost.mjs (bench/next-app/): `next build` only when its inputs
// changed, `next start` on a given core, and the CPU time its processes use.
//
// A build takes 30–90 s, so it is kept: bench/next-app/.next/ holds the last build (git ignores it)
// with the SHA-256 of everything that went into it — the app's sources, the compiled Tessera
// packages Next.js bundles (their dist/), and the versions of next, react and next-auth. Next.js
// wants its build directory inside the app, so the build stays there instead of os.tmpdir().
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const benchAppDir = join(root, 'bench/next-app');
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const stampFile = join(benchAppDir, '.next/bench-inputs.sha256');

/** Every file under `dir` (sorted), leaving out build output and dependencies. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !['.next', 'node_modules', '.tessera'].includes(entry.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

/** The SHA-256 of the app's sources, the bundled packages' dist/ and the framework versions. */
export function hashBenchAppInputs() {
  const hash = createHash('sha256');
  const dirs = [
    benchAppDir,
    ...['core', 'http', 'next', 'stores', 'verify'].map((name) => join(root, 'packages', name, 'dist')),
    join(root, 'apps/tessera/dist'),
  ];
  for (const file of dirs.flatMap(filesUnder)) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of ['next', 'react', 'react-dom', 'next-auth']) {
    const manifest = join(root, 'node_modules', name, 'package.json');
    hash.update(
      `${name}@${existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : '-'}\0`,
    );
  }
  return hash.digest('hex');
}

/** Runs `next build` unless the last build had the same inputs; says which happened and how long. */
export function ensureBenchAppBuilt({ log }) {
  const inputs = hashBenchAppInputs();
  const built =
    existsSync(join(benchAppDir, '.next/BUILD_ID')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8').trim() === inputs;
  if (built) {
    log(`next build: cached (${relative(root, benchAppDir)}/.next, inputs ${inputs.slice(0, 12)})`);
    return { cached: true, seconds: 0 };
  }
  const startedAt = performance.now();
  log('next build of bench/next-app (kept for the next run while its inputs stay the same)…');
  const result = spawnSync(process.execPath, [nextBin, 'build', benchAppDir], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(stampFile, `${inputs}\n`);
  const seconds = (performance.now() - startedAt) / 1000;
  log(`next build done in ${Math.round(seconds)} s`);
  return { cached: false, seconds };
}

/**
 * `next start` on 127.0.0.1:`port` (pinned to `core` through taskset when given); resolves with
 * the child once `readyPath` answers. The child's output is kept for the error message only.
 */
export async function startBenchApp({ port, env, core, children, readyPath, nodeOptions = [] }) {
  const args = [...nodeOptions, nextBin, 'start', benchAppDir, '-p', String(port), '-H', '127.0.0.1'];
  const child =
    core === null
      ? spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('taskset', ['-c', core, process.execPath, ...args], {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  children.push(child);
  let output = '';
  const keep = (chunk) => {
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`http://127.0.0.1:${port}${readyPath}`, { redirect: 'manual' });
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`next start did not answer within 60 s:\n${output}`);
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds of `pid` and every process below it (Linux; `getconf CLK_TCK` ticks). */
export function treeCpuSeconds(pid, ticksPerSecond) {
  const stats = new Map();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      // After the command name: state, ppid, … utime (index 11), stime (index 12); see proc(5).
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  const tree = new Set([pid]);
  let size = 0;
  while (tree.size !== size) {
    size = tree.size;
    for (const [child, { ppid }] of stats) if (tree.has(ppid)) tree.add(child);
  }
  return [...tree].reduce((sum, id) => sum + (stats.get(id)?.ticks ?? 0), 0) / ticksPerSecond;
}
