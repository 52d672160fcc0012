// Revocation propagation across processes: three auth-server instances on one PostgreSQL + Redis
// and the example verify-service (which trusts tokens through @tessera/verify). For each of N
// sessions: revoke it on instance A (DELETE /auth/sessions/:id), then probe instance B and the
// verifier with the session's access token until each refuses it. The time from sending the
// revoke to the first refusal is the propagation time (it includes the revoke request itself and
// one probe round trip, so it is an upper bound). Prints p50 / p99 / max.
//
//   npm run build && node bench/revocation-propagation.mjs [--sessions 1000]
// Needs PostgreSQL and Redis as in ../shared/SERVICES.md (TESSERA_TEST_DATABASE_URL, TESSERA_TEST_REDIS_URL).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchServices, redisUrl, startAnnouncing } from './lib/services.mjs';

const root = new URL('..', import.meta.url).pathname;
const argIndex = process.argv.indexOf('--sessions');
const sessionCount = argIndex === -1 ? 1000 : Number(process.argv[argIndex + 1]);
const issuer = 'http://tessera.bench';
const password = 'correct horse battery staple';

const services = await createBenchServices();
const { databaseUrl, prefix } = services;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const children = [];
const start = (args, env) => startAnnouncing(process.execPath, args, { ...env }, children);

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await services.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TESSERA_REDIS_PREFIX: prefix,
    TESSERA_SECRET: randomBytes(32).toString('base64url'),
    TESSERA_ISSUER: issuer,
    TESSERA_DATA_DIR: dataDir,
  };
  const instances = [];
  for (let i = 0; i < 3; i += 1) instances.push(await start([join(root, 'apps/tessera/dist/main.js')], env));
  const [a, b] = instances;
  const verifier = await start(['--import', 'tsx', join(root, 'examples/verify-service/server.ts')], {
    TESSERA_URL: a,
    TESSERA_FEED_URL: `${instances[2]}/auth/revocations`,
    TESSERA_ISSUER: issuer,
  });

  const post = (url, path, body, headers = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  await post(a, '/auth/register', { email: 'bench@example.com', password });

  process.stderr.write(`creating ${sessionCount} bearer sessions…\n`);
  const sessions = [];
  while (sessions.length < sessionCount) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, sessionCount - sessions.length) }, async () => {
        const response = await post(a, '/auth/login', {
          email: 'bench@example.com',
          password,
          transport: 'bearer',
        });
        return response.json();
      }),
    );
    sessions.push(...batch);
    if (sessions.length % 100 === 0) process.stderr.write(`  ${sessions.length}/${sessionCount}\n`);
  }

  const refused = async (url, path, token) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    return response.status === 401;
  };
  const untilRefused = async (url, path, token, startedAt) => {
    for (;;) {
      if (await refused(url, path, token)) return performance.now() - startedAt;
      if (performance.now() - startedAt > 10_000) throw new Error('not refused within 10 s');
    }
  };

  const owner = sessions[sessions.length - 1];
  const atInstance = [];
  const atVerifier = [];
  const revokeCall = [];
  process.stderr.write('revoking…\n');
  for (const [index, session] of sessions.slice(0, -1).entries()) {
    const token = session.access_token;
    if (!(await refused(b, '/auth/me', token)) && !(await refused(verifier, '/whoami', token))) {
      const startedAt = performance.now();
      const response = await fetch(`${a}/auth/sessions/${session.session.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${owner.access_token}` },
      });
      if (response.status !== 204) throw new Error(`revoke answered ${response.status}`);
      revokeCall.push(performance.now() - startedAt);
      const [instanceMs, verifierMs] = await Promise.all([
        untilRefused(b, '/auth/me', token, startedAt),
        untilRefused(verifier, '/whoami', token, startedAt),
      ]);
      atInstance.push(instanceMs);
      atVerifier.push(verifierMs);
    }
    if ((index + 1) % 200 === 0) process.stderr.write(`  ${index + 1}/${sessions.length - 1}\n`);
  }

  const stats = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
  };
  const row = (name, s) =>
    `| ${name} | ${s.n} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`;
  console.log('\nrevoke on instance A → refused elsewhere (ms, includes the revoke request and one probe)\n');
  console.log('| refused at | revocations | p50 | p99 | max |');
  console.log('|---|---|---|---|---|');
  console.log(row('(the revoke call itself, on instance A)', stats(revokeCall)));
  console.log(row('instance B (GET /auth/me, bearer)', stats(atInstance)));
  console.log(row('verify-service (feed from instance C)', stats(atVerifier)));
} finally {
  await cleanup();
}
