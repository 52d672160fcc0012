// What the multi-service benchmarks share: a throwaway PostgreSQL database and Redis key prefix on
// the machine's services (removed afterwards), and child processes that announce their URL.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';
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

/**
 * Spawns `command args` and resolves its URL from the first JSON line that has one.
 *
 * Only the output up to the announcement is kept and searched; after it the child's stdout (its
 * request log, for the auth server) is drained and dropped, so a chatty server costs this process
 * next to nothing. Benchmarks pass `logPath` to send the child's stdout to a file instead and
 * keep the reading out of this process altogether.
 */
export function startAnnouncing(command, args, env, children, { logPath } = {}) {
  const output = logPath === undefined ? 'pipe' : openSync(logPath, 'w');
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', output, 'inherit'],
  });
  if (typeof output === 'number') closeSync(output);
  children.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    let poll;
    const onText = (chunk) => {
      text += chunk;
      const match = /"url":"([^"]+)"/.exec(text);
      if (match === null) return false;
      child.stdout?.removeListener('data', onData);
      child.stdout?.resume();
      clearInterval(poll);
      resolve(match[1]);
      return true;
    };
    const onData = (chunk) => onText(chunk.toString());
    if (child.stdout) child.stdout.on('data', onData);
    else poll = setInterval(() => onText(readFileSync(logPath, 'utf8').slice(text.length)), 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`exited with ${code}: ${text.slice(0, 2000)}`));
    });
  });
}

/**
 * What a contender app prints once it listens: one JSON line with its URL (`startAnnouncing`
 * reads it). Contenders listen on 127.0.0.1, on a port the system picks.
 */
export function announceListening(server) {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
}

/** The user every contender answers with on its authenticated route. */
export const benchUser = { id: 'u_bench', email: 'bench@example.com', roles: [] };
