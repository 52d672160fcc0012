// Starts bench/lib/instrumented-server.mjs (the built server, measuring its own event-loop delay) in a
// child process on a fresh data directory, and talks to it over IPC. With `core`, the child runs under
// `taskset -c <core>` (Linux, when taskset exists), so the server and its thread pool stay on that
// core and the load generator can be pinned to another (decision 0016).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('./instrumented-server.mjs', import.meta.url).pathname;

/** Whether processes can be pinned to cores here (Linux with taskset). */
export const canPin = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;

/** Pins this process, every thread of it, to `core` (no-op where pinning is not possible). */
export function pinThisProcess(core) {
  if (canPin) spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

/**
 * The server with `env` on top of the bench defaults (random secret, port 0, per-IP registration
 * limit lifted: every benchmark account signs up from 127.0.0.1). Resolves `{ url, ask, stop }`:
 * `ask(type, answer)` sends a message and waits for the reply of type `answer`.
 */
export async function startInstrumentedServer(env = {}, { core = null, execArgv = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const nodeArgs = [...execArgv, script];
  const pinned = core !== null && canPin;
  const child = spawn(
    pinned ? 'taskset' : process.execPath,
    pinned ? ['-c', String(core), process.execPath, ...nodeArgs] : nodeArgs,
    {
      env: {
        ...process.env,
        PORT: '0',
        TESSERA_DATA_DIR: dataDir,
        TESSERA_SECRET: randomBytes(32).toString('base64url'),
        TESSERA_REGISTER_MAX_PER_IP: '1000000',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const replies = [];
  let wake = null;
  child.on('message', (message) => {
    replies.push(message);
    wake?.();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  async function nextMessage(type) {
    for (;;) {
      const index = replies.findIndex((message) => message.type === type);
      if (index !== -1) return replies.splice(index, 1)[0];
      const woken = new Promise((resolve) => {
        wake = resolve;
      });
      if ((await Promise.race([woken, exited.then(() => 'exited')])) === 'exited') {
        throw new Error('the instrumented server exited');
      }
    }
  }
  const { url } = await nextMessage('ready');
  return {
    url,
    pinned,
    async ask(type, answer) {
      child.send({ type });
      return nextMessage(answer);
    },
    async stop() {
      if (child.exitCode === null) child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
