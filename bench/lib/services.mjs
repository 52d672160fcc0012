// What the multi-service benchmarks share: a throwaway PostgreSQL database and Redis key prefix on
// the machine's services (removed afterwards), and child processes that announce their URL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

export const postgresUrl = process.env.TESSERA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.TESSERA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh database and Redis prefix; `cleanup()` drops both. */
export async function createBenchServices() {
  const database = `tessera_bench_${randomBytes(5).toString('hex')}`;
  const prefix = `tessera-bench-${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = Object.assign(new URL(postgresUrl), { pathname: `/${database}` }).toString();
  return {
    databaseUrl,
    prefix,
    async cleanup() {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        const batch = Array.isArray(keys) ? keys : [keys];
        if (batch.length > 0) await redis.unlink(batch);
      }
      await redis.quit();
    },
  };
}

/** Spawns `command args` and resolves its URL from the first JSON line that has one. */
export function startAnnouncing(command, args, env, children) {
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}
