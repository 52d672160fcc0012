// The same conformance cases through a Redis Cluster client, against three masters started for this file:
// every command of the Redis stores must stay within one hash slot (a CROSSSLOT error fails a case).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { RedisClusterType } from 'redis';
import { composeStore } from '../compose/index.js';
import { conformanceCases } from '../conformance/index.js';
import { requireService } from '../lib/require-service.js';
import { createMemoryStore } from '../memory/index.js';
import { createRedisClusterClient } from './create-redis-cluster-client.js';
import { createRedisCounterStore } from './create-redis-counter-store.js';
import { createRedisRevocationStore } from './create-redis-revocation-store.js';
import { startRedisCluster } from './redis-cluster.fixture.js';
import type { TestRedisCluster } from './redis-cluster.fixture.js';

const { skip } = await requireService(
  'redis-server and redis-cli (to start a private Redis Cluster)',
  async () => {
    await promisify(execFile)('redis-server', ['--version']);
    await promisify(execFile)('redis-cli', ['--version']);
  },
  'install Redis 7 (the redis-server and redis-tools packages)',
);

describe('Redis stores on a three-master Redis Cluster', { skip }, () => {
  const prefix = 'tessera-cluster-test';
  let cluster: TestRedisCluster | undefined;
  let client: RedisClusterType | undefined;

  before(async () => {
    cluster = await startRedisCluster();
    client = await createRedisClusterClient(cluster.rootNodes);
  });

  after(async () => {
    // Killing the nodes and deleting their directory is the cleanup, whatever happened before.
    client?.destroy();
    await cluster?.stop();
  });

  function composed(storePrefix = prefix) {
    assert.ok(client);
    return composeStore({
      base: createMemoryStore(),
      counters: createRedisCounterStore(client, { prefix: storePrefix }),
      revocations: createRedisRevocationStore(client, { prefix: storePrefix }),
    });
  }

  for (const conformanceCase of conformanceCases) {
    it(conformanceCase.name, async () => {
      const store = composed();
      try {
        await conformanceCase.run(store);
      } finally {
        await store.close();
      }
    });
  }

  it('spreads counters over the masters, and readRevocations blocks and wakes through the cluster', async () => {
    assert.ok(client);
    // A stream of its own: the conformance cases' entries are live at the `now` used here.
    const store = composed(`${prefix}-2`);
    try {
      for (let index = 0; index < 30; index += 1)
        await store.incrementCounter(`k-${index}`, 1, 60, new Date());
      const perMaster = await Promise.all(
        client.masters.map(async (master) =>
          Number(await (await client!.nodeClient(master)).sendCommand(['DBSIZE'])),
        ),
      );
      assert.ok(perMaster.filter((keys) => keys > 0).length >= 2, `keys per master: ${perMaster.join(', ')}`);
      const now = new Date();
      const reading = store.readRevocations!(null, now, 10, 5000);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const appended = await store.appendRevocations([
        { sessionId: 'cluster-session', revokedAt: now, expiresAt: new Date(now.getTime() + 7200_000) },
      ]);
      assert.deepEqual(await reading, appended);
    } finally {
      await store.close();
    }
  });
});
