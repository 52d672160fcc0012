// Every conformance case against the composition Tessera runs at scale: counters and the revocation log
// in Redis (the shared instance, under a random prefix of this run), everything else in memory.
import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { after, before, describe, it } from 'node:test';
import { composeStore } from '../compose/index.js';
import { conformanceCases } from '../conformance/index.js';
import { createMemoryStore } from '../memory/index.js';
import { createRedisClient } from './create-redis-client.js';
import { createRedisCounterStore } from './create-redis-counter-store.js';
import { createRedisRevocationStore } from './create-redis-revocation-store.js';
import { findHashTag } from './find-hash-tag.js';
import {
  createTestPrefix,
  deleteKeysWithPrefix,
  listKeysWithPrefix,
  requireSharedRedis,
  testRedisUrl,
} from './shared-redis.fixture.js';

const { skip } = await requireSharedRedis();

describe(
  'composeStore(memory + Redis counters and revocations): conformance on the shared Redis',
  { skip },
  () => {
    const prefix = createTestPrefix();
    let client: RedisClientType;

    before(async () => {
      client = await createRedisClient(testRedisUrl);
    });

    after(async () => {
      // Nothing to clean when `before` could not connect.
      if ((client as RedisClientType | undefined) === undefined) return;
      await deleteKeysWithPrefix(client, prefix);
      await client.close();
    });

    for (const conformanceCase of conformanceCases) {
      it(conformanceCase.name, async () => {
        // Fresh parts per case over the same prefix: the cases are written to share one database.
        const store = composeStore({
          base: createMemoryStore(),
          counters: createRedisCounterStore(client, { prefix }),
          revocations: createRedisRevocationStore(client, { prefix }),
        });
        try {
          await conformanceCase.run(store);
        } finally {
          await store.close();
        }
      });
    }

    it('left only hash-tagged keys under its prefix (the same layout works on Redis Cluster)', async () => {
      const keys = await listKeysWithPrefix(client, prefix);
      assert.ok(keys.length > 0);
      for (const key of keys) assert.ok(findHashTag(key), `${key} has no hash tag`);
    });
  },
);
