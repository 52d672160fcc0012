// Starts real server and verifier processes for the multi-instance and fault tests.
import { spawn, type ChildProcess } from 'node:child_process';

const repoRoot = new URL('../../../', import.meta.url).pathname;

/** A child process that printed a JSON line with its `url`. */
export interface RunningProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once (a crash). */
  kill(): Promise<void>;
}

/**
 * Runs a TypeScript entry point of the repository from source and waits for the line announcing
 * its URL.
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} did not start in time:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts an auth server process. */
export function startServerProcess(env: Record<string, string>): Promise<RunningProcess> {
  return startProcess('apps/tessera/src/main.ts', { PORT: '0', ...env });
}

/** Starts the example service that trusts Tessera tokens through @tessera/verify. */
export function startVerifierProcess(env: Record<string, string>): Promise<RunningProcess> {
  return startProcess('examples/verify-service/server.ts', { PORT: '0', ...env });
}
