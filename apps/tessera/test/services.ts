// Access to the machine's PostgreSQL and Redis for the multi-instance and fault tests: an isolated
// database and key prefix per test, removed afterwards. In CI a missing service fails the test;
// locally it skips with a loud reason.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

export const POSTGRES_URL =
  process.env['TESSERA_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['TESSERA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** `false` when both services answer; otherwise the reason to skip (outside CI) — in CI it throws. */
export async function servicesSkipReason(): Promise<false | string> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    problems.push(`PostgreSQL at ${POSTGRES_URL} (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(`Redis at ${REDIS_URL} (${(error as Error).message})`);
  } finally {
    if (redis.isOpen) await redis.quit().catch(() => undefined);
  }
  if (problems.length === 0) return false;
  const reason = `not reachable: ${problems.join('; ')}. Start them as ../shared/SERVICES.md says.`;
  if (process.env['CI']) throw new Error(`CI needs PostgreSQL and Redis for real: ${reason}`);
  process.stderr.write(`\n!!! SKIPPING multi-service tests: ${reason}\n\n`);
  return reason;
}

/** A fresh database for one test file, and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh Redis key prefix, and a function that deletes every key under it (never FLUSHALL). */
export function createTestRedisPrefix(): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `tessera-test-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    async cleanup() {
      const redis = createClient({ url: REDIS_URL });
      redis.on('error', () => undefined);
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const batch = Array.isArray(keys) ? keys : [keys];
        if (batch.length > 0) await redis.unlink(batch);
      }
      await redis.quit();
    },
  };
}
