// A three-master Redis Cluster of private redis-server processes on free loopback ports, in a temporary
// directory; `stop()` kills the nodes and deletes the directory.
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startRedisServer, stopRedisServer } from '../../../../test/support/private-redis.js';

const run = promisify(execFile);

/** A running test cluster. */
export interface TestRedisCluster {
  /** `redis://127.0.0.1:<port>` of every master. */
  rootNodes: string[];
  stop(): Promise<void>;
}

/**
 * Starts three `--cluster-enabled` servers (each with its cluster bus on a second free port, so nothing
 * depends on port + 10000 being free), joins them with `redis-cli --cluster create`, and resolves once
 * every node reports `cluster_state:ok`. On any failure the nodes are killed and the directory removed.
 */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-redis-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => stopRedisServer(child, 'SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const port = await freePort();
      const busPort = await freePort();
      ports.push(port);
      children.push(
        await startRedisServer([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-port',
          String(busPort),
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
          '--daemonize',
          'no',
        ]),
      );
    }
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    await run(
      'redis-cli',
      ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
      {
        timeout: 30_000,
      },
    );
    for (const port of ports) await waitForClusterOk(port);
    return { rootNodes: ports.map((port) => `redis://127.0.0.1:${port}`), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForClusterOk(port: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info']);
    if (stdout.includes('cluster_state:ok')) return;
    if (Date.now() - started > 15_000) throw new Error(`cluster node ${port} not ok: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
