// Revocation propagation across processes, next to what the usual alternatives give.
//
// Tessera: three auth-server instances on one PostgreSQL + Redis and the example verify-service
// (which trusts tokens through @tessera/verify). For each session: revoke it on instance A
// (DELETE /auth/sessions/:id), then probe instance B and the verifier with the session's access token
// until each refuses it. The time from sending the revoke to the first refusal is the propagation
// time (it includes the revoke request itself and one probe round trip, so it is an upper bound).
//
// The alternatives, measured the same way with short lifetimes so the run stays short:
// - Express + jsonwebtoken: "logout" cannot stop a token; it is refused only once `exp` passes.
// - Better Auth with its session cookie cache: after the session is revoked, the cookie that still
//   carries the cached session is accepted until the cache's maxAge has passed.
// Both windows scale with the configured lifetime (15 minutes of access token, 5 minutes of cookie
// cache by default), which is why the table reports them as a fraction of it.
//
//   npm run bench:revocation [-- --quick] [-- --json out.json] [-- --sessions 1000]
// Needs PostgreSQL and Redis (TESSERA_TEST_DATABASE_URL, TESSERA_TEST_REDIS_URL).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget, parseBenchArgs, progress, reportBench, round, summarize } from './lib/bench-report.mjs';
import { createBenchServices, redisUrl, startAnnouncing } from './lib/services.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = parseBenchArgs();
const sessionCount = args.number('--sessions', args.quick ? 50 : 1000);
const alternativeCount = args.number('--alternative-sessions', args.quick ? 5 : 20);
const jwtLifetimeSeconds = args.number('--jwt-lifetime', args.quick ? 2 : 5);
const cookieCacheSeconds = args.number('--cookie-cache', args.quick ? 2 : 5);
/** How often the alternatives are probed: their windows are seconds long, so 10 ms is fine-grained. */
const ALTERNATIVE_PROBE_INTERVAL_MS = 10;
const PROBE_GIVE_UP_MS = 60_000;
const issuer = 'http://tessera.bench';
const password = 'correct horse battery staple';

const services = await createBenchServices();
const { databaseUrl, prefix } = services;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
const children = [];
const start = (command, commandArgs, env) => startAnnouncing(command, commandArgs, { ...env }, children);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  await sleep(500);
  await services.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
}

const post = (url, path, body, headers = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Probes `isRefused()` until it says yes; returns ms since `startedAt`. */
async function probeUntilRefused(isRefused, startedAt, intervalMs) {
  for (;;) {
    if (await isRefused()) return performance.now() - startedAt;
    if (performance.now() - startedAt > PROBE_GIVE_UP_MS) throw new Error('not refused within 60 s');
    if (intervalMs > 0) await sleep(intervalMs);
  }
}

async function measureTessera() {
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TESSERA_REDIS_PREFIX: prefix,
    TESSERA_SECRET: randomBytes(32).toString('base64url'),
    TESSERA_ISSUER: issuer,
    TESSERA_DATA_DIR: dataDir,
  };
  const instances = [];
  for (let i = 0; i < 3; i += 1) {
    instances.push(await start(process.execPath, [join(root, 'apps/tessera/dist/main.js')], env));
  }
  const [a, b] = instances;
  const verifier = await start(
    process.execPath,
    ['--import', 'tsx', join(root, 'examples/verify-service/server.ts')],
    { TESSERA_URL: a, TESSERA_FEED_URL: `${instances[2]}/auth/revocations`, TESSERA_ISSUER: issuer },
  );
  await post(a, '/auth/register', { email: 'bench@example.com', password });

  progress(`tessera: creating ${sessionCount} bearer sessions…`);
  const sessions = [];
  while (sessions.length < sessionCount + 1) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, sessionCount + 1 - sessions.length) }, async () => {
        const response = await post(a, '/auth/login', {
          email: 'bench@example.com',
          password,
          transport: 'bearer',
        });
        if (response.status !== 200) throw new Error(`login answered ${response.status}`);
        return response.json();
      }),
    );
    sessions.push(...batch);
    if (sessions.length % 200 < 8) progress(`tessera: ${sessions.length}/${sessionCount + 1} sessions`);
  }

  const refused = async (url, path, token) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    return response.status === 401;
  };
  const owner = sessions[sessions.length - 1];
  const atInstance = [];
  const atVerifier = [];
  const revokeCall = [];
  progress('tessera: revoking one session at a time…');
  for (const [index, session] of sessions.slice(0, -1).entries()) {
    const token = session.access_token;
    if ((await refused(b, '/auth/me', token)) || (await refused(verifier, '/whoami', token))) {
      throw new Error('a live session was refused before its revocation');
    }
    const startedAt = performance.now();
    const response = await fetch(`${a}/auth/sessions/${session.session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${owner.access_token}` },
    });
    if (response.status !== 204) throw new Error(`revoke answered ${response.status}`);
    revokeCall.push(performance.now() - startedAt);
    const [instanceMs, verifierMs] = await Promise.all([
      probeUntilRefused(() => refused(b, '/auth/me', token), startedAt, 0),
      probeUntilRefused(() => refused(verifier, '/whoami', token), startedAt, 0),
    ]);
    atInstance.push(instanceMs);
    atVerifier.push(verifierMs);
    if ((index + 1) % 200 === 0) progress(`tessera: ${index + 1}/${sessionCount} revoked`);
  }
  return {
    revokeCall: summarize(revokeCall),
    atInstance: summarize(atInstance),
    atVerifier: summarize(atVerifier),
  };
}

async function measureJsonwebtoken() {
  const url = await start(process.execPath, [join(root, 'bench/lib/jsonwebtoken-server.mjs')], {
    JWT_LIFETIME_SECONDS: String(jwtLifetimeSeconds),
  });
  // jsonwebtoken floors iat to the whole second and sets exp = iat + lifetime, so a token issued late
  // in a second lives up to a second less. Logging in just after a second starts measures the full
  // lifetime: the worst case, a logout right after login.
  await sleep(1000 - (Date.now() % 1000) + 5);
  const windows = await Promise.all(
    Array.from({ length: alternativeCount }, async () => {
      const { token } = await (await post(url, '/login', {})).json();
      const isRefused = async () => {
        const response = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        return response.status === 401;
      };
      if (await isRefused()) throw new Error('jsonwebtoken: a fresh token was refused');
      const startedAt = performance.now();
      const response = await post(url, '/logout', {}, { authorization: `Bearer ${token}` });
      if (response.status !== 204) throw new Error(`jsonwebtoken logout answered ${response.status}`);
      return probeUntilRefused(isRefused, startedAt, ALTERNATIVE_PROBE_INTERVAL_MS);
    }),
  );
  return summarize(windows);
}

async function measureBetterAuth() {
  const betterAuthServices = await createBenchServices();
  const betterAuthChildren = [];
  try {
    const url = await startAnnouncing(
      process.execPath,
      [join(root, 'bench/lib/better-auth-server.mjs')],
      {
        DATABASE_URL: betterAuthServices.databaseUrl,
        BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
        BETTER_AUTH_COOKIE_CACHE_SECONDS: String(cookieCacheSeconds),
      },
      betterAuthChildren,
    );
    // Better Auth checks Origin on cookie-authenticated POSTs against its base URL.
    const origin = { origin: 'http://127.0.0.1' };
    const credentials = { email: 'bench@example.com', password, name: 'bench' };
    const signUp = await post(url, '/api/auth/sign-up/email', credentials, origin);
    if (signUp.status !== 200) throw new Error(`better-auth sign-up answered ${signUp.status}`);
    const windows = await Promise.all(
      Array.from({ length: alternativeCount }, async () => {
        const signIn = await post(url, '/api/auth/sign-in/email', credentials, origin);
        if (signIn.status !== 200) throw new Error(`better-auth sign-in answered ${signIn.status}`);
        const cookie = signIn.headers
          .getSetCookie()
          .map((header) => header.split(';')[0])
          .join('; ');
        if (!cookie.includes('session_data=')) throw new Error('better-auth: no cookie-cache cookie');
        // The client keeps sending the cookies it had (a second tab, a copied cookie, another
        // device's proxy): that is what the cache is trusted for.
        const isRefused = async () => {
          const response = await fetch(`${url}/api/auth/get-session`, { headers: { cookie } });
          return (await response.text()) === 'null' || response.status === 401;
        };
        if (await isRefused()) throw new Error('better-auth: a fresh session was refused');
        const startedAt = performance.now();
        const signOut = await fetch(`${url}/api/auth/sign-out`, {
          method: 'POST',
          headers: { cookie, ...origin },
        });
        if (signOut.status !== 200) throw new Error(`better-auth sign-out answered ${signOut.status}`);
        return probeUntilRefused(isRefused, startedAt, ALTERNATIVE_PROBE_INTERVAL_MS);
      }),
    );
    return summarize(windows);
  } finally {
    // Its database can only be dropped once the server has let go of its connections.
    for (const child of betterAuthChildren) child.kill('SIGTERM');
    await sleep(300);
    await betterAuthServices.cleanup();
  }
}

try {
  const tessera = await measureTessera();
  for (const child of children.splice(0)) child.kill('SIGTERM');
  progress(
    `alternatives: ${alternativeCount} sessions each, jsonwebtoken exp ${jwtLifetimeSeconds} s, ` +
      `Better Auth cookie cache ${cookieCacheSeconds} s…`,
  );
  const [jsonwebtoken, betterAuth] = await Promise.all([measureJsonwebtoken(), measureBetterAuth()]);

  const ms = (s) => [s.n, round(s.p50), round(s.p99), round(s.max)];
  const windowRow = (name, lifetimeSeconds, s) => [
    name,
    lifetimeSeconds === null ? '—' : lifetimeSeconds,
    s.n,
    round(s.p50),
    round(s.max),
    lifetimeSeconds === null ? '—' : round(s.max / (lifetimeSeconds * 1000)),
  ];
  reportBench(
    {
      bench: 'revocation-propagation',
      tables: [
        {
          title:
            'Revocation: revoke on instance A → refused at another process (ms, includes the revoke request and one probe)',
          columns: ['refused at', 'revocations', 'p50 ms', 'p99 ms', 'max ms'],
          rows: [
            ['(the revoke call itself, on instance A)', ...ms(tessera.revokeCall)],
            ['Tessera instance B (GET /auth/me, bearer)', ...ms(tessera.atInstance)],
            ['@tessera/verify service (feed from instance C)', ...ms(tessera.atVerifier)],
          ],
          chart: {
            column: 'p99 ms',
            unit: 'ms',
            title: 'Revocation across processes: revoke on A → refused (p99)',
          },
        },
        {
          title:
            'Revocation window next to the alternatives (ms from logout/revoke until the old credential is refused; measured with short lifetimes, the windows scale with them)',
          columns: ['setup', 'configured lifetime s', 'revocations', 'p50 ms', 'max ms', 'max / lifetime'],
          rows: [
            windowRow('Tessera, another instance', null, tessera.atInstance),
            windowRow('Tessera, @tessera/verify service', null, tessera.atVerifier),
            windowRow(
              `jsonwebtoken 9.0.3 + Express (exp ${jwtLifetimeSeconds} s)`,
              jwtLifetimeSeconds,
              jsonwebtoken,
            ),
            windowRow(
              `Better Auth 1.7.25 cookie cache (maxAge ${cookieCacheSeconds} s)`,
              cookieCacheSeconds,
              betterAuth,
            ),
          ],
          chart: {
            column: 'max ms',
            unit: 'ms',
            title: 'Revocation window: logout/revoke → old credential refused (max)',
          },
        },
      ],
      targets: [
        checkTarget('revocation p99, another Tessera instance', tessera.atInstance.p99, 50, ' ms'),
        checkTarget('revocation p99, @tessera/verify service', tessera.atVerifier.p99, 50, ' ms'),
      ],
    },
    args.jsonPath,
  );
} finally {
  await cleanup();
}
