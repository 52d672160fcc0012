// Test support: a throwaway PostgreSQL cluster of the test's own, for fault tests that stop and restart
// the server. The shared service of ../shared/SERVICES.md must never be stopped by a test.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private PostgreSQL cluster on a free loopback port, trusting local connections. */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  /** Stops the server (`fast`: clean shutdown; `immediate`: like a crash, recovered from WAL on start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it if running and deletes its data directory. Safe to call more than once. */
  destroy(): Promise<void>;
}

// Long enough for a slow CI disk, short enough that a stuck server fails the test rather than the job.
const commandTimeoutMilliseconds = 30_000;

/**
 * Creates (`initdb`) and starts (`pg_ctl`) a private PostgreSQL cluster in a temporary directory, from
 * the machine's own PostgreSQL binaries (the newest under /usr/lib/postgresql/<version>/bin, else
 * `pg_config --bindir`, else the PATH). PostgreSQL refuses to run as root, so under root every command
 * runs as the `postgres` user (`runuser`, else `su`) and the directory is handed to that user. Rejects,
 * with the command's output, when any step fails; the caller decides whether that skips or fails a test.
 *
 * @example
 * const server = await startPrivatePostgres();
 * after(() => server.destroy());
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findBinDirectory();
  const runAs = await findRunAs();
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let running = false;

  const pgCtl = (args: readonly string[]): Promise<void> =>
    runCommand(runAs, join(bin, 'pg_ctl'), ['-D', data, ...args], log);

  // If the test process dies without its `after` hook (a crash, a kill), the server would outlive it.
  const stopOnExit = (): void => {
    if (!running) return;
    try {
      execFileSync(...commandLine(runAs, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
        stdio: 'ignore',
        timeout: commandTimeoutMilliseconds,
      });
    } catch {
      // Nothing more can be done while the process exits.
    }
  };
  process.once('exit', stopOnExit);

  const destroy = async (): Promise<void> => {
    process.removeListener('exit', stopOnExit);
    if (running) {
      running = false;
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (runAs.user !== null) chownSync(dir, runAs.user.uid, runAs.user.gid);
    await runCommand(
      runAs,
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      log,
    );
    const port = await findFreePort();
    // pg_ctl passes -o to the server through a shell; the temporary path has no spaces or quotes.
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
    const start = async (): Promise<void> => {
      await pgCtl(['-o', serverOptions, '-l', log, '-w', '-t', '30', 'start']);
      running = true;
    };
    const stop = async (mode: 'fast' | 'immediate'): Promise<void> => {
      await pgCtl(['-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    };
    await start();
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, start, stop, destroy };
  } catch (error) {
    await destroy();
    throw error;
  }
}

interface RunAs {
  /** The postgres user to switch to when running as root, else `null` (run as ourselves). */
  user: { uid: number; gid: number } | null;
  /** How to switch: `runuser -u postgres --` or `su postgres -s /bin/sh -c`. */
  via: 'runuser' | 'su' | null;
}

async function findRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return { user: null, via: null };
  const id = async (flag: string): Promise<number> =>
    Number((await run('id', [flag, 'postgres'], { timeout: commandTimeoutMilliseconds })).stdout.trim());
  const user = { uid: await id('-u'), gid: await id('-g') };
  const hasRunuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].some((path) =>
    existsSync(path),
  );
  return { user, via: hasRunuser ? 'runuser' : 'su' };
}

function commandLine(runAs: RunAs, command: string, args: readonly string[]): [string, string[]] {
  if (runAs.via === 'runuser') return ['runuser', ['-u', 'postgres', '--', command, ...args]];
  if (runAs.via === 'su') {
    return ['su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')]];
  }
  return [command, [...args]];
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

async function runCommand(
  runAs: RunAs,
  command: string,
  args: readonly string[],
  log: string,
): Promise<void> {
  const [file, argv] = commandLine(runAs, command, args);
  try {
    // cwd: the postgres user may not be allowed into ours (root's home), and pg_ctl complains about it.
    await run(file, argv, { timeout: commandTimeoutMilliseconds, cwd: tmpdir() });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(
      `\`${[file, ...argv].join(' ')}\` failed: ${(output.stderr ?? '').trim() || String(error)}` +
        (serverLog === '' ? '' : `\nserver log:\n${serverLog}`),
      { cause: error },
    );
  }
}

// The newest installed major version, as Debian and Ubuntu lay them out; else what pg_config or the
// PATH offers (Homebrew, RPM layouts).
function findBinDirectory(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    // Neither: hope initdb and pg_ctl are on the PATH; if not, the first command says so.
    return '';
  }
}

// Asks the kernel for a free port, then releases it for the server. Another process could take it in
// between; pg_ctl would then fail to start and the test reports that, rather than hanging.
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}
