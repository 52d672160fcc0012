// Sign-in cost end to end, against the built server (apps/tessera/dist, embedded SQLite store, default
// Argon2id parameters) in a wrapper that measures its own event-loop delay (bench/lib/
// instrumented-server.mjs, decision 0017). Four ways in, each as a user's client does it over HTTP:
//
//   password             POST /auth/login
//   password + TOTP      POST /auth/login (401 mfa_required) → POST /auth/login/mfa with a code from
//                        `otpauth`; a code is never accepted twice, so every TOTP sign-in has a user
//                        of its own, enrolled beforehand
//   passkey              POST /auth/passkeys/login/options → a software authenticator's assertion
//                        (bench/lib/software-passkey.mjs) → POST /auth/passkeys/login
//   OIDC callback        GET /auth/oauth/bench/callback after a local oidc-provider (its own process)
//                        sent the browser back: the code exchange with the provider, the ID token
//                        check and the new session. The start and the provider's pages are walked
//                        beforehand and not timed.
//
// For each: latency of one client signing in alone, then of 50 clients signing in at once, and the
// server's event-loop lag during the latter. The server runs on core 1 and this process (the load)
// with the provider on core 0 where taskset exists (decision 0016). The login throttle and the
// registration limit are lifted (TESSERA_LOGIN_MAX_FAILURES, …_PER_IP, TESSERA_REGISTER_MAX_PER_IP):
// every request comes from 127.0.0.1, and a login reserves its throttle slots while it runs.
//
//   npm run bench:sign-in [-- --quick] [-- --json out.json] [-- --clients 50] [-- --sign-ins 300]
//   [-- --single 30] [-- --only password,totp,passkey,oidc]
//   [-- --cpu-prof <dir>]   also writes a V8 CPU profile of the server process into <dir>
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseBenchArgs, progress, reportBench, round, summarize } from './lib/bench-report.mjs';
import { startAnnouncing } from './lib/services.mjs';
import {
  addPasskey,
  finishProviderSignIn,
  prepareProviderCallback,
  publicUrl,
  signInWithPasskey,
  signInWithPassword,
  signInWithTotp,
  signUp,
  signUpWithTotp,
} from './lib/sign-in-flows.mjs';
import { canPin, pinThisProcess, startInstrumentedServer } from './lib/start-instrumented-server.mjs';

const args = parseBenchArgs();
const clients = args.number('--clients', 50);
const concurrentSignIns = args.number('--sign-ins', args.quick ? clients : 6 * clients);
const singleSignIns = args.number('--single', args.quick ? 5 : 30);
const WARMUP = 5;
/** Sign-ups, enrolments and provider walks run this many at a time (untimed). */
const PREPARE_PARALLEL = 8;
const SERVER_CORE = 1;
const LOAD_CORE = 0;
const root = new URL('..', import.meta.url).pathname;
const optionOf = (name) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? null : process.argv[index + 1];
};
const profileDir = optionOf('--cpu-prof');
const only = optionOf('--only')?.split(',') ?? null;

pinThisProcess(LOAD_CORE);
const children = [];
// The provider must not outlive this process, whatever ends it (a failed start included).
process.on('exit', () => {
  for (const child of children) child.kill();
});
const providerId = 'bench';
const clientSecret = randomBytes(32).toString('base64url');
const providerUrl = await startAnnouncing(
  canPin ? 'taskset' : process.execPath,
  [
    ...(canPin ? ['-c', String(LOAD_CORE), process.execPath] : []),
    join(root, 'bench/lib/oidc-provider-server.mjs'),
  ],
  {
    BENCH_OIDC_REDIRECT_URI: `${publicUrl}/auth/oauth/${providerId}/callback`,
    BENCH_OIDC_CLIENT_SECRET: clientSecret,
  },
  children,
);
const server = await startInstrumentedServer(
  {
    TESSERA_PUBLIC_URL: publicUrl,
    TESSERA_LOGIN_MAX_FAILURES: '1000000',
    TESSERA_LOGIN_MAX_FAILURES_PER_IP: '1000000',
    TESSERA_OAUTH_PROVIDERS: JSON.stringify([
      { id: providerId, issuer: providerUrl, clientId: 'tessera-bench-client', clientSecret },
    ]),
  },
  { core: SERVER_CORE, execArgv: profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] },
);
const { url } = server;

/** Runs `task(item)` over `items`, `parallel` at a time; resolves the results in order. */
async function mapParallel(items, parallel, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}
const range = (count, from = 0) => Array.from({ length: count }, (_, i) => from + i);

/**
 * One client per slot: `clients` password accounts, each with a passkey (a credential is used by
 * one client only, so its signature counter never arrives out of order), and as many provider
 * subjects, each signed in once here so the measured callbacks find their account.
 */
progress(`preparing ${clients} accounts with a password and a passkey, and ${clients} provider accounts…`);
const emails = range(clients).map((i) => `signin-${i}@example.com`);
const passkeys = await mapParallel(emails, PREPARE_PARALLEL, async (email) =>
  addPasskey(url, await signUp(url, email)),
);
const subjects = range(clients).map((i) => `bench-subject-${i}`);
await mapParallel(subjects, PREPARE_PARALLEL, async (subject) =>
  finishProviderSignIn(await prepareProviderCallback(url, providerId, subject)),
);
let totpUsers = 0;

/**
 * The ways in. `prepare(count)` makes the untimed part of `count` sign-ins (tickets); sign-in `i`
 * of a phase runs on client `i % clients`, so ticket `i` may be bound to that client.
 */
const methods = [
  {
    key: 'password',
    name: 'password (Argon2id)',
    requests: 1,
    prepare: (count) => range(count).map((i) => emails[i % clients]),
    signIn: (email) => signInWithPassword(url, email),
  },
  {
    key: 'totp',
    name: 'password (Argon2id) + TOTP',
    requests: 2,
    prepare: async (count) => {
      const users = range(count, totpUsers).map((i) => `signin-totp-${i}@example.com`);
      totpUsers += count;
      return mapParallel(users, PREPARE_PARALLEL, (email) => signUpWithTotp(url, email));
    },
    signIn: (user) => signInWithTotp(url, user),
  },
  {
    key: 'passkey',
    name: 'passkey (ES256)',
    requests: 2,
    prepare: (count) => range(count).map((i) => passkeys[i % clients]),
    signIn: (passkey) => signInWithPasskey(url, passkey),
  },
  {
    key: 'oidc',
    name: 'OIDC callback (code exchange, RS256 ID token)',
    requests: 1,
    prepare: (count) =>
      mapParallel(range(count), PREPARE_PARALLEL, (i) =>
        prepareProviderCallback(url, providerId, subjects[i % clients]),
      ),
    signIn: (prepared) => finishProviderSignIn(prepared),
  },
].filter((method) => only === null || only.includes(method.key));

/** Runs the tickets on `parallel` clients (ticket i on client i % parallel); latencies in ms. */
async function runPhase(method, tickets, parallel) {
  await server.ask('reset', 'reset');
  const latencies = [];
  const startedAt = performance.now();
  await Promise.all(
    range(Math.min(parallel, tickets.length)).map(async (client) => {
      for (let i = client; i < tickets.length; i += parallel) {
        const before = performance.now();
        await method.signIn(tickets[i]);
        latencies.push(performance.now() - before);
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  const lag = await server.ask('read', 'lag');
  return { latency: summarize(latencies), perSecond: tickets.length / seconds, lag };
}

const rows = [];
try {
  for (const method of methods) {
    progress(`${method.name}: warm-up and ${singleSignIns} sign-ins by one client…`);
    await runPhase(method, await method.prepare(WARMUP), 1);
    const single = await runPhase(method, await method.prepare(singleSignIns), 1);
    progress(`${method.name}: ${concurrentSignIns} sign-ins by ${clients} clients at once…`);
    const storm = await runPhase(method, await method.prepare(concurrentSignIns), clients);
    rows.push([
      method.name,
      method.requests,
      round(single.latency.p50),
      round(single.latency.p99),
      round(storm.latency.p50),
      round(storm.latency.p99),
      round(storm.perSecond),
      round(storm.lag.p50Ms),
      round(storm.lag.p99Ms),
      round(storm.lag.maxMs),
      Math.round(storm.lag.utilization * 100),
    ]);
  }
} finally {
  await server.stop();
  for (const child of children) child.kill();
}

const placement = server.pinned
  ? 'server pinned to core 1, load and provider to core 0'
  : 'not pinned (no taskset)';
reportBench(
  {
    bench: 'sign-in-cost',
    tables: [
      {
        title:
          `Sign-in cost end to end (Argon2id dominates both password rows): one client alone (${singleSignIns} sign-ins), ` +
          `then ${clients} clients at once (${concurrentSignIns} sign-ins), with the server's event-loop lag during the latter; ` +
          `SQLite store, ${placement}; login throttle lifted so that no sign-in is rate limited`,
        columns: [
          'sign-in',
          'requests',
          '1 client p50 ms',
          '1 client p99 ms',
          `${clients} clients p50 ms`,
          `${clients} clients p99 ms`,
          'sign-ins/s',
          'loop lag p50 ms',
          'loop lag p99 ms',
          'loop lag max ms',
          'loop busy %',
        ],
        rows,
        chart: {
          column: `${clients} clients p99 ms`,
          unit: 'ms',
          log: true,
          title: `Sign-in latency p99 with ${clients} clients at once`,
        },
      },
    ],
    targets: [],
  },
  args.jsonPath,
);
