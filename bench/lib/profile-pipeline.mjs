// Profiles the built server (`node --cpu-prof`) under load on one route at a time and prints where
// the time went (summarize-cpu-profile.mjs): bare node:http (the ceiling), GET /livez, then
// session-cookie GET /auth/me, each in a server of its own (SQLite store, temporary data directory), server and load pinned to separate
// cores where taskset exists. Profiles are kept in the printed directory.
//
//   node bench/lib/profile-pipeline.mjs [--seconds 10] [--top 20] [--express]
//
// With --express it profiles the Express adapter instead: plain Express's GET /open, then GET /open
// (no auth) and GET /me (a session) of bench/contenders/tessera-express.mjs.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnnouncing } from './services.mjs';
import { runLoad } from './load-generator.mjs';

const root = new URL('../..', import.meta.url).pathname;
const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const seconds = Number(argument('--seconds') ?? 10);
const top = argument('--top') ?? '20';
const pinned = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;
const workDir = mkdtempSync(join(tmpdir(), 'tessera-profile-'));

async function profileRoute(name, path, signIn, script = 'apps/tessera/dist/main.js') {
  const profileDir = join(workDir, name);
  const logPath = join(workDir, `${name}.log`);
  const children = [];
  const spawnedAt = performance.now();
  // A contender without a SIGTERM handler would die without writing its profile.
  const exitOnTerm = `data:text/javascript,process.once('SIGTERM',()=>process.exit(0))`;
  // One line per collection on the server's stdout (its log file): how much each scavenge promotes.
  const args = [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
    '--trace-gc-nvp',
    '--import',
    exitOnTerm,
    join(root, script),
  ];
  const url = await startAnnouncing(
    pinned ? 'taskset' : process.execPath,
    pinned ? ['-c', '1', process.execPath, ...args] : args,
    {
      TESSERA_SECRET: randomBytes(32).toString('base64url'),
      TESSERA_DATA_DIR: join(workDir, `${name}-data`),
      TESSERA_REGISTER_MAX_PER_IP: '1000000',
    },
    children,
    { logPath },
  );
  const headers = signIn ? await register(url) : {};
  const skipMs = Math.round(performance.now() - spawnedAt);
  const loaded = await runLoad(
    { url: `${url}${path}`, headers, connections: 10, duration: seconds },
    { core: 0 },
  );
  const [child] = children;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const [file] = readdirSync(profileDir);
  process.stdout.write(
    `\n## ${name}: GET ${path}, ${loaded.requests} requests in ${seconds} s (non-2xx ${loaded.non2xx})\n`,
  );
  process.stdout.write(`${summarizeScavenges(readFileSync(logPath, 'utf8'))}\n`);
  spawnSync(
    process.execPath,
    [
      join(root, 'bench/lib/summarize-cpu-profile.mjs'),
      join(profileDir, file),
      '--top',
      top,
      '--per-request',
      String(loaded.requests),
      '--skip-ms',
      String(skipMs),
    ],
    { stdio: 'inherit' },
  );
}

/**
 * Scavenges (young-generation collections) from `--trace-gc-nvp` lines: how many, and the mean
 * bytes each promoted to the old generation. Objects that outlive their request are promoted; a
 * server whose requests leave nothing behind promotes next to nothing.
 */
function summarizeScavenges(log) {
  let count = 0;
  let promoted = 0;
  let pauseMs = 0;
  for (const line of log.split('\n')) {
    if (!line.includes(' gc=s ')) continue;
    count += 1;
    promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
    pauseMs += Number(/ pause=([\d.]+)/.exec(line)?.[1] ?? 0);
  }
  if (count === 0) return 'scavenges: none';
  return `scavenges: ${count}, promoted ${Math.round(promoted / count / 1024)} KiB and paused ${(pauseMs / count).toFixed(2)} ms each (mean)`;
}

async function register(url) {
  const response = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'profile@example.com', password: 'correct horse battery staple' }),
  });
  if (!response.ok) throw new Error(`register: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
  return { cookie };
}

process.stdout.write(`Profiles in ${workDir}\n`);
if (process.argv.includes('--express')) {
  // The Express adapter: the same app's no-auth route next to its session-protected one.
  const app = 'bench/contenders/tessera-express.mjs';
  // Plain Express first, with no Tessera in the process: its collections are the baseline.
  await profileRoute('express-plain', '/open', false, 'bench/contenders/express-no-auth.mjs');
  await profileRoute('express-open', '/open', false, app);
  await profileRoute('express-me', '/me', true, app);
} else {
  await profileRoute('node', '/', false, 'bench/contenders/node-no-auth.mjs');
  await profileRoute('livez', '/livez', false);
  await profileRoute('session-me', '/auth/me', true);
}
