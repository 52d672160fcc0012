import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTesseraHttp } from '@tessera/http/node';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { ConfigError, loadConfig } from '../src/load-config.js';
import { PASSWORD, send, sessionCookieFrom, startTestServer, uniqueEmail } from './harness.js';
import { startServerProcess } from './processes.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;

describe('configuration is validated at start-up', () => {
  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ TESSERA_IDLE_TTL: '-5' }, /TESSERA_IDLE_TTL/],
    [{ TESSERA_ABSOLUTE_TTL: '1.5' }, /TESSERA_ABSOLUTE_TTL/],
    [{ TESSERA_LOGIN_MAX_FAILURES: '0' }, /TESSERA_LOGIN_MAX_FAILURES/],
    [{ TESSERA_TRUSTED_ORIGINS: 'https://ok.example, not a url' }, /TESSERA_TRUSTED_ORIGINS/],
    [{ TESSERA_TRUST_PROXY: 'sometimes' }, /TESSERA_TRUST_PROXY/],
    [{ TESSERA_COOKIE_MODE: 'cookies please' }, /TESSERA_COOKIE_MODE/],
    [{ TESSERA_SESSION_LIMIT_POLICY: 'maybe' }, /TESSERA_SESSION_LIMIT_POLICY/],
  ];
  for (const [env, pattern] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
      );
    });
  }

  it('defaults follow DESIGN §3', async () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.match(config.dataDir, /\.tessera$/);
    // Unset variables are left to core's factories: the running server shows the defaults it got.
    const server = await startTestServer();
    try {
      const { deps } = server.running;
      assert.equal(deps.policy.idleTimeoutSeconds, 7200);
      assert.equal(deps.policy.absoluteTimeoutSeconds, 2_592_000);
      assert.equal(deps.throttle.maxFailuresPerAccount, 5);
      assert.equal(deps.throttle.maxFailuresPerIp, 100);
      assert.equal(createTesseraHttp({ deps, ...config.http }).bodyLimitBytes, 65536);
    } finally {
      await server.close();
    }
  });
});

describe('the embedded store keeps data across restarts', () => {
  it('a user and a session survive closing and reopening TESSERA_DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-restart-'));
    try {
      const path = join(dataDir, 'tessera.db');
      const first = await startTestServer({}, { store: openSqliteStore({ path }) });
      const email = uniqueEmail();
      const token = await first.register(email);
      await first.close();
      const second = await startTestServer({}, { store: openSqliteStore({ path }) });
      try {
        assert.equal((await second.send('GET', '/auth/me', { cookie: token })).status, 200);
        assert.equal((await second.login(email)).status, 200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("the data directory is the owner's only (DESIGN §3.2)", () => {
  const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

  it('a fresh start creates it 0700 with the database, its -wal and -shm and the secret 0600; wider modes are tightened at the next start, logged', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tessera-modes-'));
    const dataDir = join(parent, 'data');
    const files = ['secret', 'tessera.db', 'tessera.db-wal', 'tessera.db-shm'].map((name) =>
      join(dataDir, name),
    );
    // No TESSERA_SECRET: the server generates the secret file.
    const env = { TESSERA_DATA_DIR: dataDir, TESSERA_SECRET: '' };
    try {
      const first = await startServerProcess(env);
      const registered = await send(first.url, 'POST', '/auth/register', {
        body: { email: uniqueEmail(), password: PASSWORD },
      });
      assert.equal(registered.status, 201, registered.text);
      assert.equal(modeOf(dataDir), '0700');
      for (const file of files) assert.equal(modeOf(file), '0600', file);
      // A crash leaves -wal and -shm behind; then someone (an older version, a restore) widens it all.
      await first.kill();
      chmodSync(dataDir, 0o755);
      for (const file of files) chmodSync(file, 0o644);

      const second = await startServerProcess(env);
      try {
        assert.equal(modeOf(dataDir), '0700');
        for (const file of files) assert.equal(modeOf(file), '0600', file);
        const warnings = second
          .output()
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line['level'] === 'warn' && 'from' in line);
        assert.deepEqual(
          warnings.map((line) => [line['path'], line['from'], line['to']]).sort(),
          [[dataDir, '0755', '0700'], ...files.map((file) => [file, '0644', '0600'])].sort(),
        );
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request that is in flight when close() is called', async () => {
    const server = await startTestServer();
    const email = uniqueEmail();
    await server.register(email);
    const body = JSON.stringify({ email, password: PASSWORD });
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Headers and half the body: the request is now in flight.
    socket.write(
      `POST /auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = server.close();
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(closed, false, 'close() waits for the in-flight request');
    socket.write(body.slice(10));
    await closing;
    socket.end();
    await ended;
    assert.match(answer, /^HTTP\/1\.1 200/);
    assert.match(answer, /__Host-tessera-session=/);
  });
});

describe('the server process (what npm start runs)', () => {
  it('starts, logs JSON lines, serves requests, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-process-'));
    const child = spawn(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', 'apps/tessera/src/main.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, PORT: '0', TESSERA_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${output}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /"url":"([^"]+)"/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const email = uniqueEmail();
      const registered = await send(url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
      assert.equal(registered.status, 201);
      const token = sessionCookieFrom(registered)!;
      assert.equal((await send(url, 'GET', '/auth/me', { cookie: token })).status, 200);
      const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exitCode, 0);
      for (const line of output.trim().split('\n')) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        assert.equal(typeof parsed['time'], 'string');
        assert.ok(!line.includes(token.split('.')[1]!), 'no secret in the log');
        assert.ok(!line.includes(PASSWORD), 'no password in the log');
      }
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a message naming the variable when the configuration is wrong', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', 'apps/tessera/src/main.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, PORT: '0', TESSERA_IDLE_TTL: 'two hours' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 1);
    assert.match(stderr, /TESSERA_IDLE_TTL/);
  });
});
