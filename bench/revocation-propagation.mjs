// Revocation propagation across processes, next to what the usual alternatives give.
//
// Tessera: three auth-server instances on one PostgreSQL + Redis and the example verify-service
// (which trusts tokens through @tessera/verify). For each session: revoke it on instance A
// (DELETE /auth/sessions/:id) and, from the moment that request is sent, probe instance B and the
// verifier with the session's credential (each probe 2 ms after the previous one answered) until
// each refuses it. The time from sending the revoke to the first refusal is the propagation time.
// It is an upper bound by up to two probe round trips and the pause: a probe sent just before the
// revocation arrived is accepted, and only the next one can be refused. The pause keeps the probes
// from taking the cores the revoke itself needs (back to back, on 2 cores, they slowed it down by
// more than they gained in resolution). Probing starts with the request, not after its answer: the
// revoke answers once it has also deleted the session and written the audit log, after its
// announcement went out, and a window that waited for the answer would measure those writes
// (decision 0069). The revoke call's own time is reported beside it, and so is every probe sent
// after the 204 that was still accepted: a process that lagged behind the answer.
// Bearer sessions are probed at B (GET /auth/me) and at the verifier (GET /whoami); session-cookie
// sessions at B only (the verifier knows access tokens, not session cookies).
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

/** In the way of a missed revocation target (decision 0069). */
const revocationObstacle =
  "the announcement's hops: the revoking instance's write to the shared log (Redis or PostgreSQL), then each verifier's read of its feed";
const root = new URL('..', import.meta.url).pathname;
const args = parseBenchArgs();
const sessionCount = args.number('--sessions', args.quick ? 50 : 1000);
/** Session-cookie sessions, probed at instance B only: half as many keeps the run short. */
const cookieSessionCount = args.number('--cookie-sessions', Math.ceil(sessionCount / 2));
const alternativeCount = args.number('--alternative-sessions', args.quick ? 5 : 20);
const jwtLifetimeSeconds = args.number('--jwt-lifetime', args.quick ? 2 : 5);
const cookieCacheSeconds = args.number('--cookie-cache', args.quick ? 2 : 5);
/** The pause between Tessera's probes of one process (see the header). */
const PROBE_PAUSE_MS = 2;
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

const cookiesOf = (response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');

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

  const login = async (transport) => {
    const response = await post(a, '/auth/login', { email: 'bench@example.com', password, transport });
    if (response.status !== 200) throw new Error(`login answered ${response.status}`);
    const body = await response.json();
    const credential =
      transport === 'bearer'
        ? { authorization: `Bearer ${body.access_token}` }
        : { cookie: cookiesOf(response) };
    return { id: body.session.id, transport, credential };
  };
  const total = sessionCount + cookieSessionCount;
  progress(`tessera: creating ${sessionCount} bearer and ${cookieSessionCount} cookie sessions…`);
  const owner = await login('bearer');
  const sessions = [];
  // Interleaved evenly, so both kinds are revoked under the same conditions.
  const transportOf = (i) =>
    Math.floor(((i + 1) * cookieSessionCount) / total) > Math.floor((i * cookieSessionCount) / total)
      ? 'cookie'
      : 'bearer';
  while (sessions.length < total) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, total - sessions.length) }, (_, i) =>
        login(transportOf(sessions.length + i)),
      ),
    );
    sessions.push(...batch);
    if (sessions.length % 200 < 8) progress(`tessera: ${sessions.length}/${total} sessions`);
  }

  const isRefused = async (url, path, credential) => {
    const response = await fetch(`${url}${path}`, { headers: credential });
    await response.arrayBuffer();
    if (response.status !== 200 && response.status !== 401)
      throw new Error(`probe answered ${response.status}`);
    return response.status === 401;
  };
  const atInstance = { bearer: [], cookie: [] };
  const atVerifier = [];
  const revokeCall = [];
  // Probes sent after the revoke answered 204 and still accepted, per row: there must be none.
  const acceptedAfterRevoke = { bearer: 0, cookie: 0, verifier: 0 };
  progress('tessera: revoking one session at a time…');
  for (const [index, session] of sessions.entries()) {
    const probes = [[b, '/auth/me', session.transport]];
    if (session.transport === 'bearer') probes.push([verifier, '/whoami', 'verifier']);
    for (const [url, path] of probes) {
      if (await isRefused(url, path, session.credential)) {
        throw new Error('a live session was refused before its revocation');
      }
    }
    let answeredAt = null;
    const startedAt = performance.now();
    const revoke = fetch(`${a}/auth/sessions/${session.id}`, {
      method: 'DELETE',
      headers: owner.credential,
    }).then((response) => {
      answeredAt = performance.now();
      if (response.status !== 204) throw new Error(`revoke answered ${response.status}`);
    });
    // From the revoke request on; a probe sent after the 204 must be refused.
    const probeFromRevoke = async (url, path, row) => {
      for (;;) {
        const sentAfterAnswer = answeredAt !== null;
        if (await isRefused(url, path, session.credential)) return performance.now() - startedAt;
        if (sentAfterAnswer) acceptedAfterRevoke[row] += 1;
        if (performance.now() - startedAt > PROBE_GIVE_UP_MS) throw new Error('not refused within 60 s');
        await sleep(PROBE_PAUSE_MS);
      }
    };
    const [, ...refusedMs] = await Promise.all([
      revoke,
      ...probes.map(([url, path, row]) => probeFromRevoke(url, path, row)),
    ]);
    revokeCall.push(answeredAt - startedAt);
    atInstance[session.transport].push(refusedMs[0]);
    if (refusedMs[1] !== undefined) atVerifier.push(refusedMs[1]);
    if ((index + 1) % 200 === 0) progress(`tessera: ${index + 1}/${total} revoked`);
  }
  return {
    revokeCall: summarize(revokeCall),
    atInstance: summarize(atInstance.bearer),
    atInstanceCookie: summarize(atInstance.cookie),
    atVerifier: summarize(atVerifier),
    acceptedAfterRevoke,
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
  const accepted = tessera.acceptedAfterRevoke;
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
            'Revocation: revoke sent to instance A → refused at another process (ms; probed every 2 ms from the revoke request on)',
          columns: ['refused at', 'revocations', 'p50 ms', 'p99 ms', 'max ms', 'accepted after the 204'],
          rows: [
            ['(the revoke call itself answers 204, on instance A)', ...ms(tessera.revokeCall), '—'],
            ['Tessera instance B (GET /auth/me, bearer)', ...ms(tessera.atInstance), accepted.bearer],
            [
              'Tessera instance B (GET /auth/me, session cookie)',
              ...ms(tessera.atInstanceCookie),
              accepted.cookie,
            ],
            ['@tessera/verify service (feed from instance C)', ...ms(tessera.atVerifier), accepted.verifier],
          ],
          chart: {
            column: 'p99 ms',
            unit: 'ms',
            title: 'Revocation across processes: revoke sent on A → refused (p99)',
          },
        },
        {
          title:
            'Revocation window next to the alternatives (ms from logout/revoke until the old credential is refused; measured with short lifetimes, the windows scale with them)',
          columns: ['setup', 'configured lifetime s', 'revocations', 'p50 ms', 'max ms', 'max / lifetime'],
          rows: [
            windowRow('Tessera, another instance (bearer)', null, tessera.atInstance),
            windowRow('Tessera, another instance (session cookie)', null, tessera.atInstanceCookie),
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
        checkTarget('revocation p99, another Tessera instance', tessera.atInstance.p99, 50, ' ms', {
          obstacle: revocationObstacle,
        }),
        checkTarget(
          'revocation p99, another Tessera instance (cookie)',
          tessera.atInstanceCookie.p99,
          50,
          ' ms',
          { obstacle: revocationObstacle },
        ),
        checkTarget('revocation p99, @tessera/verify service', tessera.atVerifier.p99, 50, ' ms', {
          obstacle: revocationObstacle,
        }),
      ],
    },
    args.jsonPath,
  );
} finally {
  await cleanup();
}
