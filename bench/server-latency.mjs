// Latency of the auth server on the embedded store, from a bounded local load run:
// starts the compiled server (npm run build first) in its own process on a fresh data directory,
// signs a user in, then drives GET /auth/me and POST /auth/login with autocannon and prints
// median and p99. Usage: node bench/server-latency.mjs [--seconds N]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const root = new URL('..', import.meta.url).pathname;
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg === -1 ? 10 : Number(process.argv[secondsArg + 1]);
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));

const server = spawn(process.execPath, [join(root, 'apps/tessera/dist/main.js')], {
  env: { ...process.env, PORT: '0', TESSERA_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const spawnedAt = performance.now();
const url = await new Promise((resolve, reject) => {
  let output = '';
  server.stdout.on('data', (chunk) => {
    output += chunk.toString();
    const match = /"url":"([^"]+)"/.exec(output);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const readyMs = performance.now() - spawnedAt;
server.stdout.resume();

const credentials = JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery staple' });
const registered = await fetch(`${url}/auth/register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: credentials,
});
if (registered.status !== 201)
  throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
const cookie = registered.headers.getSetCookie()[0].split(';')[0];

function run(title, options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ duration: seconds, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    process.stderr.write(`${title}: ${seconds}s, ${options.connections} connections…\n`);
    autocannon.track(instance, { renderProgressBar: process.stderr.isTTY, renderResultsTable: false });
  });
}

const me = await run('GET /auth/me', { url: `${url}/auth/me`, connections: 10, headers: { cookie } });
const login = await run('POST /auth/login', {
  url: `${url}/auth/login`,
  method: 'POST',
  connections: 4,
  headers: { 'content-type': 'application/json' },
  body: credentials,
});
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const row = (name, result) =>
  `| ${name} | ${result.latency.p50} | ${result.latency.p99} | ${Math.round(result.requests.average)} | ${result.non2xx} |`;
console.log(`server ready (spawn → listening): ${Math.round(readyMs)} ms\n`);
console.log('| route | p50 ms | p99 ms | req/s | non-2xx |');
console.log('|---|---|---|---|---|');
console.log(row('GET /auth/me (10 connections)', me));
console.log(row('POST /auth/login (4 connections)', login));
