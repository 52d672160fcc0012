// The server under the request fuzz test: a child process started from source, so that a crash is
// an exit code and its memory is the child's RSS.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { startServerProcess, type RunningProcess } from './processes.js';

/** Resident memory of a process in bytes (Linux /proc), or undefined where that is not readable. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** GET /livez on a fresh connection: its status, or the error that stopped it. */
export function livez(baseUrl: string, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest(new URL('/livez', baseUrl), { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (error) => resolve(error.message));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(error.message));
    req.end();
  });
}

/** The server as a child process; `start` again after a crash (shrinking replays on a live server). */
export class ServerUnderFuzz {
  process: RunningProcess | undefined;
  /** RSS right after start, the base the memory bound is measured from. */
  baselineBytes: number | undefined;
  crashes = 0;

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    if (this.process === undefined) throw new Error('server not started');
    return this.process.url;
  }

  get alive(): boolean {
    const child = this.process?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.process !== undefined && !this.alive) this.crashes += 1;
    this.process = await startServerProcess(this.env);
    this.baselineBytes = this.residentBytes();
  }

  residentBytes(): number | undefined {
    const pid = this.process?.child.pid;
    return pid === undefined ? undefined : residentBytes(pid);
  }

  /** How the process ended, with the end of what it printed. */
  deathReport(): string {
    const child = this.process?.child;
    const output = this.process?.output() ?? '';
    return `exit code ${child?.exitCode}, signal ${child?.signalCode}; last output:\n${output.slice(-3000)}`;
  }

  /** Waits up to `timeoutMs` for the process to end; whether it has. */
  async exited(timeoutMs: number): Promise<boolean> {
    const child = this.process?.child;
    if (child !== undefined && this.alive) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise((resolve) => child.once('exit', resolve)),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    return !this.alive;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
