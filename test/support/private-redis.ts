// A private redis-server on a free loopback port, for tests that stop and restart Redis (the shared
// instance is never touched), and a Redis Cluster of three such servers.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Starts `redis-server` with `args` and resolves once it accepts connections. */
export function startRedisServer(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start: ${output}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)}: ${output}`));
    });
  });
}

/** Stops a server started by `startRedisServer` with `signal` and waits until it is gone. */
export async function stopRedisServer(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** A redis-server of our own, which a test may stop and start again on the same port. */
export class PrivateRedis {
  readonly port: number;
  readonly #dir: string;
  #child: ChildProcess | null = null;

  private constructor(port: number) {
    this.port = port;
    this.#dir = mkdtempSync(join(tmpdir(), 'tessera-redis-'));
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port, keeping nothing on disk. */
  async resume(): Promise<void> {
    this.#child = await startRedisServer([
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.#dir,
    ]);
  }

  /** Stops the server (SIGTERM: redis-server shuts down at once, saving nothing with `--save ""`). */
  async stop(): Promise<void> {
    if (this.#child !== null) await stopRedisServer(this.#child);
    this.#child = null;
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers, as with a hung host. */
  freeze(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void {
    this.#child?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    if (this.#child !== null) await stopRedisServer(this.#child, 'SIGKILL');
    this.#child = null;
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
