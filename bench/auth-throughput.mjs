// GET /auth/me throughput on one auth-server instance backed by PostgreSQL + Redis with the local
// session cache: session-cookie mode and bearer-JWT mode, next to a no-auth route (/livez) on the
// same server, as ratios from one run. The server is pinned to one core and the load generator to
// the other when `taskset` is available.
//
//   npm run build && node bench/auth-throughput.mjs [--seconds 10] [--connections 10]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createBenchServices, redisUrl, startAnnouncing } from './lib/services.mjs';

const root = new URL('..', import.meta.url).pathname;
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const seconds = option('--seconds', 10);
const connections = option('--connections', 10);
const pin = spawnSync('taskset', ['--version']).status === 0;

const services = await createBenchServices();
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));

const command = pin ? 'taskset' : process.execPath;
const args = pin
  ? ['-c', '1', process.execPath, join(root, 'apps/tessera/dist/main.js')]
  : [join(root, 'apps/tessera/dist/main.js')];
if (pin) spawnSync('taskset', ['-cp', '0', String(process.pid)]);
const children = [];
const url = await startAnnouncing(
  command,
  args,
  {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: redisUrl,
    TESSERA_REDIS_PREFIX: services.prefix,
    TESSERA_SECRET: randomBytes(32).toString('base64url'),
    TESSERA_DATA_DIR: dataDir,
  },
  children,
);
const [server] = children;

try {
  const body = JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery staple' });
  const registered = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const cookie = registered.headers.getSetCookie()[0].split(';')[0];
  const login = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...JSON.parse(body), transport: 'bearer' }),
  });
  const { access_token: accessToken } = await login.json();

  const run = (title, path, headers = {}) =>
    new Promise((resolve, reject) => {
      process.stderr.write(`${title}: ${seconds}s, ${connections} connections…\n`);
      const instance = autocannon(
        { url: `${url}${path}`, duration: seconds, connections, headers },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      autocannon.track(instance, { renderProgressBar: process.stderr.isTTY, renderResultsTable: false });
    });
  // Warm up (JIT, pools, the session cache), then measure.
  await run('warm-up', '/auth/me', { cookie });
  const results = {
    'GET /livez (no auth)': await run('no auth', '/livez'),
    'GET /auth/me, session cookie': await run('session cookie', '/auth/me', { cookie }),
    'GET /auth/me, bearer JWT': await run('bearer', '/auth/me', { authorization: `Bearer ${accessToken}` }),
  };
  const ceiling = results['GET /livez (no auth)'].requests.average;
  console.log(
    `\none instance on PostgreSQL + Redis with the local session cache; ${connections} connections, ${seconds} s each${pin ? ', server and load on separate cores' : ''}\n`,
  );
  console.log('| route | req/s | p50 ms | p99 ms | × no-auth | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, result] of Object.entries(results)) {
    const rps = result.requests.average;
    console.log(
      `| ${name} | ${Math.round(rps)} | ${result.latency.p50} | ${result.latency.p99} | ${(rps / ceiling).toFixed(2)} | ${result.non2xx} |`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await services.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}
