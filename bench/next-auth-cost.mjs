// What knowing who is signed in costs a Next.js server component (issue 17). One `next build` of
// bench/next-app (kept between runs while its inputs stay the same), one `next start` pinned to a
// core of its own, and five dynamic pages that render the same markup:
//
// - /no-auth            the ceiling: no auth at all;
// - /headers-only       a control: the Cookie header read through next/headers and nothing checked
//                       (what any auth call in a server component pays Next.js before its own work);
// - /tessera-jwt        `getAuth()` in jwt cookie mode: the access cookie verified in process,
//                       revocations from the Redis feed, no store lookup;
// - /tessera-session    `getAuth()` in session mode: the session cookie looked up in the store
//                       (PostgreSQL) through the local cache that revocations invalidate;
// - /authjs             Auth.js (next-auth v5, a dev dependency that runs offline here): `auth()`
//                       with the Credentials provider and a JWT session (an encrypted JWT cookie).
//
// The Next.js app is one more instance of a Tessera deployment on PostgreSQL + Redis: two Tessera
// servers (session mode and jwt cookie mode, same database, secret and keys) sign the bench user
// in; Auth.js signs in through its own routes in the app. The servers and the load generator
// (bench/lib/run-load.mjs: autocannon, a fixed number of connections) share the other core.
//
// Pages are measured in turn, pass after pass, in an order that rotates, so drift hits them alike.
// Reported: req/s and latency of each page's best pass, and `next start`'s CPU time per request
// over all passes (from /proc: what the app spends, not what it waits for a core that neighbours
// hold), the extra per request over /no-auth and the ratio to it. The targets are judged by CPU
// per request (by req/s without taskset): on a busy machine req/s also depends on the share of the
// core the app wins from neighbours, and the scheduler is fair per thread, so a page whose work
// runs partly on libuv's thread pool (Auth.js: WebCrypto through jose) can show more req/s than a
// cheaper one whose work stays on the event loop. The issue names no number for these pages: the targets
// are the Express adapter's (a protected route ≥ 0.9× a no-auth one), and Tessera's jwt cookie
// page at least as cheap as Auth.js's. Last, each Tessera page must refuse a session signed out on
// its server (within 5 s; the revocation feed makes it milliseconds), or the run fails.
//
//   npm run bench:next [-- --quick] [--passes 3] [--seconds 5] [--warmup 1000] [--connections 10] [--json out.json]
//                      [--only /tessera-jwt,/authjs] [--cpu-prof <dir>]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, progress, reportBench, round } from './lib/bench-report.mjs';
import { ensureBenchAppBuilt, freePort, startBenchApp, treeCpuSeconds } from './lib/next-bench-app.mjs';
import { createBenchServices, redisUrl, startAnnouncing } from './lib/services.mjs';
import { authJsCookies, tesseraCookies } from './lib/next-bench-sign-in.mjs';
import { runLoad } from './lib/load-generator.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = parseBenchArgs();
const passes = args.number('--passes', args.quick ? 1 : 3);
const seconds = args.number('--seconds', args.quick ? 1 : 5);
// A number of requests, not seconds: each page's first requests compile it, build Tessera (first
// use) and get the bundle's functions compiled by V8, whatever the machine's speed.
const warmupRequests = args.number('--warmup', args.quick ? 300 : 1000);
const connections = args.number('--connections', 10);
const optionOf = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
/** `--cpu-prof <dir>`: a V8 CPU profile of `next start` (bench/lib/summarize-cpu-profile.mjs reads it). */
const profileDir = optionOf('--cpu-prof');
/** `--only /tessera-jwt,/authjs`: those pages (and /no-auth, the ceiling) only. */
const only = optionOf('--only')?.split(',');
const email = 'bench@example.com';
const password = 'correct horse battery staple';

// Linux: `next start` on core 1; the load, the Tessera servers and this process on core 0.
const pinned = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;
const APP_CORE = '1';
const LOAD_CORE = '0';
if (pinned) spawnSync('taskset', ['-cp', LOAD_CORE, String(process.pid)]);
const ticksPerSecond = pinned ? Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString()) || 100 : 0;

/**
 * After the measurement: signs the session out on its Tessera server and waits (up to 5 s) for the
 * page to refuse it, which shows the measured setup follows revocations (the Redis feed).
 */
async function checkRevocation(appUrl, serverUrl, page) {
  const logout = await fetch(`${serverUrl}/auth/logout`, { method: 'POST', headers: page.headers });
  if (logout.status !== 204) throw new Error(`logout on ${serverUrl} answered ${logout.status}`);
  const sentAt = performance.now();
  while (performance.now() - sentAt < 5000) {
    const response = await fetch(`${appUrl}${page.path}`, { headers: page.headers, redirect: 'manual' });
    await response.body?.cancel();
    if (response.status !== 200) return performance.now() - sentAt;
  }
  throw new Error(`${page.path} still served a session revoked 5 s ago`);
}

/** One request as the load generator sends it: the page must greet the bench user with a 200. */
async function checkPage(appUrl, page) {
  const response = await fetch(`${appUrl}${page.path}`, { headers: page.headers, redirect: 'manual' });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(`Signed in as ${email}`)) {
    throw new Error(`${page.path} answered ${response.status} without the signed-in user`);
  }
  if (page.path !== '/no-auth') {
    const anonymous = await fetch(`${appUrl}${page.path}`, { redirect: 'manual' });
    await anonymous.body?.cancel();
    if (anonymous.status === 200) throw new Error(`${page.path} served an anonymous request`);
  }
}

const startedAt = performance.now();
const build = ensureBenchAppBuilt({ log: progress });
const services = await createBenchServices();
const workDir = mkdtempSync(join(tmpdir(), 'tessera-next-bench-'));
const children = [];
const tesseraEnv = {
  DATABASE_URL: services.databaseUrl,
  REDIS_URL: redisUrl,
  TESSERA_REDIS_PREFIX: services.prefix,
  TESSERA_SECRET: randomBytes(32).toString('base64url'),
  TESSERA_DATA_DIR: join(workDir, 'data'),
  TESSERA_ISSUER: 'tessera-bench',
  TESSERA_AUDIENCE: 'tessera-bench',
};
const pages = [
  { path: '/no-auth', label: 'no auth (ceiling)' },
  { path: '/headers-only', label: 'control: cookies read through next/headers, nothing checked' },
  { path: '/tessera-jwt', label: 'Tessera getAuth(), jwt cookie mode (local verify + revocation feed)' },
  { path: '/tessera-session', label: 'Tessera getAuth(), session mode (PostgreSQL, local cache)' },
  { path: '/authjs', label: 'Auth.js auth(), Credentials + JWT session' },
].filter((page) => only === undefined || page.path === '/no-auth' || only.includes(page.path));
try {
  // The servers one after the other: the first creates the tables and the signing key.
  const servers = {};
  for (const mode of ['session', 'jwt']) {
    const command = pinned ? 'taskset' : process.execPath;
    const serverArgs = [join(root, 'apps/tessera/dist/main.js')];
    servers[mode] = await startAnnouncing(
      command,
      pinned ? ['-c', LOAD_CORE, process.execPath, ...serverArgs] : serverArgs,
      { ...tesseraEnv, TESSERA_COOKIE_MODE: mode },
      children,
      { logPath: join(workDir, `tessera-${mode}.log`) },
    );
  }
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app = await startBenchApp({
    port,
    env: {
      ...process.env,
      ...tesseraEnv,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
      BENCH_AUTHJS_PASSWORD: password,
    },
    core: pinned ? APP_CORE : null,
    nodeOptions: profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    children,
    readyPath: '/no-auth',
  });
  const sessionCookie = await tesseraCookies(servers.session, 'register', { email, password });
  const jwtCookie = await tesseraCookies(servers.jwt, 'login', { email, password });
  const headersByPath = {
    '/no-auth': {},
    '/headers-only': { cookie: jwtCookie },
    '/tessera-jwt': { cookie: jwtCookie },
    '/tessera-session': { cookie: sessionCookie },
    '/authjs': { cookie: await authJsCookies(appUrl, { email, password }) },
  };
  for (const page of pages) {
    page.headers = headersByPath[page.path];
    await checkPage(appUrl, page);
  }
  progress(
    `${pages.length} pages × ${passes} pass(es): ${warmupRequests} requests of warm-up + ${seconds} s, ${connections} connections${pinned ? ', next start and load pinned to separate cores' : ''}`,
  );
  for (const page of pages)
    await runLoad(
      { url: `${appUrl}${page.path}`, headers: page.headers, connections, amount: warmupRequests },
      { core: LOAD_CORE },
    );
  for (const page of pages) Object.assign(page, { best: null, cpuSeconds: 0, requests: 0 });
  for (let pass = 1; pass <= passes; pass += 1) {
    // Each pass starts one page later (A B C D, B C D A, …): no page always follows the same one.
    const shift = (pass - 1) % pages.length;
    for (const page of [...pages.slice(shift), ...pages.slice(0, shift)]) {
      const cpuBefore = pinned ? treeCpuSeconds(app.pid, ticksPerSecond) : 0;
      const result = await runLoad(
        { url: `${appUrl}${page.path}`, headers: page.headers, connections, duration: seconds },
        { core: LOAD_CORE },
      );
      page.cpuSeconds += pinned ? treeCpuSeconds(app.pid, ticksPerSecond) - cpuBefore : Number.NaN;
      page.requests += result.requests;
      const rps = result.requests / result.durationSeconds;
      progress(`pass ${pass}: ${page.path}: ${Math.round(rps)} req/s`);
      if (page.best === null || rps > page.best.rps) page.best = { ...result, rps };
    }
  }
  for (const [path, mode] of [
    ['/tessera-jwt', 'jwt'],
    ['/tessera-session', 'session'],
  ]) {
    const page = pages.find((candidate) => candidate.path === path);
    if (page === undefined) continue;
    const ms = await checkRevocation(appUrl, servers[mode], page);
    progress(`${path}: a session signed out on its Tessera server was refused after ${round(ms)} ms`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await services.cleanup();
  rmSync(workDir, { recursive: true, force: true });
}

// CPU per request over every pass (the server's own CPU time: what it spends, not what it waits
// for a core that neighbours hold); req/s and latency from each page's best pass.
for (const page of pages) page.cpuMicros = (page.cpuSeconds * 1e6) / Math.max(1, page.requests);
const [ceiling] = pages;
const cell = (value) => (Number.isFinite(value) ? round(value) : '–');
const table = {
  title: `Next.js server component, auth cost per request: next start ${pinned ? 'pinned to one core, load on the other' : '(not pinned: no taskset)'}, ${connections} connections, ${passes} pass(es) of ${seconds} s; Next.js ${packageVersion('next')}, next-auth ${packageVersion('next-auth')}`,
  columns: [
    'page',
    'req/s (best pass)',
    'p50 ms',
    'p99 ms',
    'next start CPU µs/req',
    'extra CPU µs/req vs no auth',
    'extra µs/req by req/s',
    '× no-auth (CPU)',
    '× no-auth (req/s)',
    'non-2xx',
  ],
  rows: pages.map(({ label, best, cpuMicros }, index) => [
    label,
    round(best.rps),
    best.p50Ms,
    best.p99Ms,
    cell(cpuMicros),
    index === 0 ? '–' : cell(cpuMicros - ceiling.cpuMicros),
    index === 0 ? '–' : round(1e6 / best.rps - 1e6 / ceiling.best.rps),
    cell(ceiling.cpuMicros / cpuMicros),
    round(best.rps / ceiling.best.rps),
    best.non2xx + best.errors,
  ]),
  chart: { column: '× no-auth (CPU)' },
};
/** `a` relative to `b`: by CPU per request when it was measured (pinned), else by req/s. */
const speedRatio = (a, b) => {
  const [pageA, pageB] = [a, b].map((path) => pages.find((page) => page.path === path));
  if (pageA === undefined || pageB === undefined) return Number.NaN;
  return pinned ? pageB.cpuMicros / pageA.cpuMicros : pageA.best.rps / pageB.best.rps;
};
const by = pinned ? 'by next start CPU per request' : 'by req/s';
const targets = [
  ['Tessera getAuth() jwt cookie mode vs no auth', '/tessera-jwt', '/no-auth', 0.9],
  ['Tessera getAuth() session mode vs no auth', '/tessera-session', '/no-auth', 0.9],
  ['Tessera getAuth() jwt cookie mode vs Auth.js auth()', '/tessera-jwt', '/authjs', 1],
]
  .map(([name, a, b, wanted]) => ({ name: `Next.js page, ${name} (${by})`, ratio: speedRatio(a, b), wanted }))
  // With --only, the targets of pages left out are left out too.
  .filter(({ ratio }) => Number.isFinite(ratio))
  .map(({ name, ratio, wanted }) => ({
    name,
    target: `≥ ${wanted}×`,
    measured: `${round(ratio)}×`,
    met: ratio >= wanted,
  }));
const result = { bench: 'next-auth-cost', tables: [table], targets };
reportBench(result, args.jsonPath);
console.log(
  `\nnext build ${build.cached ? 'cached' : `${Math.round(build.seconds)} s`}; ${Math.round((performance.now() - startedAt) / 1000)} s in all. Extra µs/req by req/s: 1/req/s of the page minus 1/req/s of /no-auth (one core serves both).`,
);

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}
