// Login storm: does hashing passwords stall everyone else? One Tessera server (embedded SQLite store,
// default Argon2id parameters) runs in a wrapper process that measures its own event-loop delay.
// Two phases of the same length: authenticated GET /auth/me requests alone (a few connections, one
// request at a time each), then the same requests while 50 clients log in back to back. Prints the
// /auth/me latency and the server's event-loop lag for both phases.
//
//   npm run bench:login-storm [-- --quick] [-- --json out.json] [-- --seconds 10] [-- --logins 50]
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget, parseBenchArgs, progress, reportBench, round, summarize } from './lib/bench-report.mjs';

const args = parseBenchArgs();
const seconds = args.number('--seconds', args.quick ? 3 : 10);
const concurrentLogins = args.number('--logins', 50);
/** Connections issuing GET /auth/me during both phases: enough for a p99, light next to the storm. */
const PROBE_CONNECTIONS = 4;
const password = 'correct horse battery staple';
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));

const server = fork(new URL('./lib/instrumented-server.mjs', import.meta.url), [], {
  env: {
    ...process.env,
    PORT: '0',
    TESSERA_DATA_DIR: dataDir,
    TESSERA_SECRET: randomBytes(32).toString('base64url'),
    // One client address logs in 50 accounts over and over: the per-IP failure limit never trips
    // (every login succeeds), and the per-account one neither.
  },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const replies = [];
let waiting = null;
server.on('message', (message) => {
  replies.push(message);
  waiting?.();
});
server.on('exit', (code) => {
  if (code !== 0 && code !== null) process.stderr.write(`instrumented server exited with ${code}\n`);
});
async function nextMessage(type) {
  for (;;) {
    const index = replies.findIndex((message) => message.type === type);
    if (index !== -1) return replies.splice(index, 1)[0];
    await new Promise((resolve) => {
      waiting = resolve;
    });
  }
}
const ask = async (type, answer) => {
  server.send({ type });
  return nextMessage(answer);
};

const post = (url, path, body, headers = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function runPhase(url, cookie, withStorm, emails) {
  const deadline = performance.now() + seconds * 1000;
  await ask('reset', 'reset');
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
  const login = async (email) => {
    while (performance.now() < deadline) {
      const response = await post(url, '/auth/login', { email, password });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`login answered ${response.status}`);
      logins += 1;
    }
  };
  await Promise.all([
    ...Array.from({ length: PROBE_CONNECTIONS }, probe),
    ...(withStorm ? emails.map(login) : []),
  ]);
  const lag = await ask('read', 'lag');
  return { me: summarize(latencies), lag, loginsPerSecond: logins / seconds };
}

try {
  const { url } = await nextMessage('ready');
  const emails = Array.from({ length: concurrentLogins }, (_, i) => `storm-${i}@example.com`);
  progress(`registering ${emails.length + 1} accounts…`);
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
  const cookie = registered.headers.getSetCookie()[0].split(';')[0];

  progress(`baseline: GET /auth/me alone for ${seconds} s…`);
  const quiet = await runPhase(url, cookie, false, emails);
  progress(`storm: GET /auth/me while ${concurrentLogins} clients log in for ${seconds} s…`);
  const storm = await runPhase(url, cookie, true, emails);

  const row = (name, phase) => [
    name,
    round(phase.loginsPerSecond),
    phase.me.n,
    round(phase.me.p50),
    round(phase.me.p99),
    round(phase.lag.p50Ms),
    round(phase.lag.p99Ms),
    round(phase.lag.maxMs),
  ];
  reportBench(
    {
      bench: 'login-storm',
      tables: [
        {
          title: `Login storm: GET /auth/me (${PROBE_CONNECTIONS} connections) and the server's event-loop lag, alone and while ${concurrentLogins} concurrent clients log in (Argon2id off the main thread), ${seconds} s each`,
          columns: [
            'phase',
            'logins/s',
            '/auth/me requests',
            '/auth/me p50 ms',
            '/auth/me p99 ms',
            'loop lag p50 ms',
            'loop lag p99 ms',
            'loop lag max ms',
          ],
          rows: [row('no logins', quiet), row(`${concurrentLogins} concurrent logins`, storm)],
          chart: { column: 'loop lag p99 ms', unit: 'ms', title: 'Login storm: server event-loop lag p99' },
        },
      ],
      targets: [
        checkTarget(
          `event-loop lag p99 during ${concurrentLogins} concurrent logins`,
          storm.lag.p99Ms,
          20,
          ' ms',
        ),
      ],
    },
    args.jsonPath,
  );
} finally {
  server.send({ type: 'stop' });
  await new Promise((resolve) => {
    server.once('exit', resolve);
    setTimeout(resolve, 5000).unref();
  });
  rmSync(dataDir, { recursive: true, force: true });
}
