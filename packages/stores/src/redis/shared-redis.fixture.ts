// The machine's shared Redis (../shared/SERVICES.md) for the Redis store tests: a random key prefix per
// test file, deleted afterwards with SCAN + UNLINK. Nothing here stops, flushes or reconfigures it.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { requireService } from '../lib/require-service.js';
import type { ServiceRequirement } from '../lib/require-service.js';
import type { RedisStandaloneConnection } from './redis-connection.js';

/** The shared Redis, or the one `TESSERA_TEST_REDIS_URL` names. */
export const testRedisUrl = process.env['TESSERA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Skips (or, in CI, fails) the tests of a file when the shared Redis does not answer. */
export function requireSharedRedis(): Promise<ServiceRequirement> {
  return requireService(`Redis at ${testRedisUrl}`, async () => {
    // No retries: one refused connection is the answer.
    const client = createClient({
      url: testRedisUrl,
      socket: { connectTimeout: 3000, reconnectStrategy: false },
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      if (client.isOpen) client.destroy();
    }
  });
}

/** A prefix no other run uses. */
export function createTestPrefix(): string {
  return `tessera-test-${randomBytes(6).toString('hex')}`;
}

/** Every key under `prefix`. */
export async function listKeysWithPrefix(
  client: RedisStandaloneConnection,
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const reply = (await client.sendCommand(['SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000'])) as [
      string,
      string[],
    ];
    cursor = reply[0];
    keys.push(...reply[1].map(String));
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under `prefix` (never FLUSHALL: other tests share this Redis). */
export async function deleteKeysWithPrefix(
  client: RedisStandaloneConnection,
  prefix: string,
): Promise<number> {
  const keys = await listKeysWithPrefix(client, prefix);
  for (let index = 0; index < keys.length; index += 500) {
    await client.sendCommand(['UNLINK', ...keys.slice(index, index + 500)]);
  }
  return keys.length;
}
