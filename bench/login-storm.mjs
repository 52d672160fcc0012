// Login storm: does hashing passwords stall everyone else? One Tessera server (embedded SQLite store,
// default Argon2id parameters) runs in a wrapper process that measures its own event-loop delay.
// Phases of the same length: authenticated GET /auth/me requests alone (a few connections, one
// request at a time each), then the same requests while 50 clients log in back to back. Prints the
// /auth/me latency and the server's event-loop lag and utilization for each phase.
//
// A last phase repeats the storm on a second server whose libuv thread pool has one thread
// (UV_THREADPOOL_SIZE=1): hashing then occupies at most one core, which tells CPU contention
// between the hashing threads and the event loop apart from work done on the loop itself.
//
//   npm run bench:login-storm [-- --quick] [-- --json out.json] [-- --seconds 10] [-- --logins 50]
//   [-- --cpu-prof <dir>]   also writes a V8 CPU profile of each server process into <dir>
import { checkTarget, parseBenchArgs, progress, reportBench, round, summarize } from './lib/bench-report.mjs';
import { startInstrumentedServer } from './lib/start-instrumented-server.mjs';

const args = parseBenchArgs();
const seconds = args.number('--seconds', args.quick ? 3 : 10);
const concurrentLogins = args.number('--logins', 50);
/** Connections issuing GET /auth/me during every phase: enough for a p99, light next to the storm. */
const PROBE_CONNECTIONS = 4;
const password = 'correct horse battery staple';
const profileIndex = process.argv.indexOf('--cpu-prof');
const profileDir = profileIndex === -1 ? null : process.argv[profileIndex + 1];

const post = (url, path, body, headers = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Registers the storm's accounts and a probe account; returns the probe's session cookie. */
async function prepareAccounts(url, emails) {
  for (let i = 0; i < emails.length; i += 10) {
    await Promise.all(
      emails.slice(i, i + 10).map(async (email) => {
        const response = await post(url, '/auth/register', { email, password });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`register answered ${response.status}`);
      }),
    );
  }
  const registered = await post(url, '/auth/register', { email: 'probe@example.com', password });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
  return registered.headers.getSetCookie()[0].split(';')[0];
}

async function runPhase(server, cookie, emails) {
  const { url } = server;
  await server.ask('reset', 'reset');
  const deadline = performance.now() + seconds * 1000;
  const latencies = [];
  let logins = 0;
  const probe = async () => {
    while (performance.now() < deadline) {
      const startedAt = performance.now();
      const response = await fetch(`${url}/auth/me`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /auth/me answered ${response.status}`);
      latencies.push(performance.now() - startedAt);
    }
  };
  // Every login succeeds, so neither the per-account nor the per-IP failure limit is reached.
  const login = async (email) => {
    while (performance.now() < deadline) {
      const response = await post(url, '/auth/login', { email, password });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`login answered ${response.status}`);
      logins += 1;
    }
  };
  await Promise.all([...Array.from({ length: PROBE_CONNECTIONS }, probe), ...emails.map(login)]);
  const lag = await server.ask('read', 'lag');
  return { me: summarize(latencies), lag, loginsPerSecond: logins / seconds };
}

const emails = Array.from({ length: concurrentLogins }, (_, i) => `storm-${i}@example.com`);
const phases = [];
for (const setup of [
  { name: 'default thread pool', env: {} },
  { name: 'UV_THREADPOOL_SIZE=1', env: { UV_THREADPOOL_SIZE: '1' } },
]) {
  const server = await startInstrumentedServer(setup.env, {
    execArgv: profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  try {
    progress(`${setup.name}: registering ${emails.length + 1} accounts…`);
    const cookie = await prepareAccounts(server.url, emails);
    if (phases.length === 0) {
      progress(`${setup.name}: GET /auth/me alone for ${seconds} s…`);
      phases.push({ name: 'no logins', ...(await runPhase(server, cookie, [])) });
    }
    progress(`${setup.name}: GET /auth/me while ${concurrentLogins} clients log in for ${seconds} s…`);
    phases.push({
      name: `${concurrentLogins} concurrent logins${setup.env.UV_THREADPOOL_SIZE ? `, ${setup.name}` : ''}`,
      ...(await runPhase(server, cookie, emails)),
    });
  } finally {
    await server.stop();
  }
}

const row = (phase) => [
  phase.name,
  round(phase.loginsPerSecond),
  phase.me.n,
  round(phase.me.p50),
  round(phase.me.p99),
  round(phase.lag.p50Ms),
  round(phase.lag.p99Ms),
  round(phase.lag.maxMs),
  Math.round(phase.lag.utilization * 100),
];
const storm = phases[1];
reportBench(
  {
    bench: 'login-storm',
    tables: [
      {
        title: `Login storm: GET /auth/me (${PROBE_CONNECTIONS} connections) and the server's event-loop lag, alone and while ${concurrentLogins} clients log in back to back (Argon2id on the thread pool), ${seconds} s each`,
        columns: [
          'phase',
          'logins/s',
          '/auth/me requests',
          '/auth/me p50 ms',
          '/auth/me p99 ms',
          'loop lag p50 ms',
          'loop lag p99 ms',
          'loop lag max ms',
          'loop busy %',
        ],
        rows: phases.map(row),
        chart: { column: 'loop lag p99 ms', unit: 'ms', title: 'Login storm: server event-loop lag p99' },
      },
    ],
    targets: [
      checkTarget(
        `event-loop lag p99 during ${concurrentLogins} concurrent logins`,
        storm.lag.p99Ms,
        20,
        ' ms',
        { obstacle: 'Argon2id hashing on libuv threads shares the two cores with the event loop' },
      ),
    ],
  },
  args.jsonPath,
);
