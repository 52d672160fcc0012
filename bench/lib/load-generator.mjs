// The load generator (bench/lib/run-load.mjs: autocannon) in a process of its own, pinned to a core
// apart from the server's where taskset exists, so that generating load does not take the CPU
// being measured. Every throughput bench runs its load through here.
import { spawn } from 'node:child_process';
import { canPin } from './start-instrumented-server.mjs';

const script = new URL('./run-load.mjs', import.meta.url).pathname;

/**
 * Runs autocannon with `options` (`url`, `headers`, `connections`, and `duration` in seconds or
 * `amount` of requests) on `core` when pinning is possible, and resolves its numbers
 * (`requests`, `durationSeconds`, `non2xx`, `errors`, `p50Ms`, `p99Ms`).
 */
export function runLoad(options, { core = null } = {}) {
  const args = [script, JSON.stringify(options)];
  const stdio = ['ignore', 'pipe', 'inherit'];
  const child =
    core !== null && canPin
      ? spawn('taskset', ['-c', String(core), process.execPath, ...args], { stdio })
      : spawn(process.execPath, args, { stdio });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}
