import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/load-config.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import {
  fastHasher,
  PASSWORD,
  send,
  sessionCookieFrom,
  TEST_SECRET,
  uniqueEmail,
  type HttpResult,
} from './harness.js';
import { PrivateRedis } from '../../../test/support/private-redis.js';
import { startServerProcess, type RunningProcess } from './processes.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();

/** Polls `probe` until `accept` holds for its result; resolves that result. */
async function until(
  timeoutMs: number,
  probe: () => Promise<HttpResult>,
  accept: (r: HttpResult) => boolean,
) {
  const started = performance.now();
  for (;;) {
    const result = await probe();
    if (accept(result)) return result;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`still ${result.status} ${result.text.slice(0, 200)} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Redis stops under traffic, then comes back', { skip }, () => {
  let redis: PrivateRedis | undefined;
  let server: RunningServer | undefined;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-fault-'));

  before(async () => {
    redis = await PrivateRedis.start();
    const database = await createTestDatabase();
    dropDatabase = () => database.drop();
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      TESSERA_SECRET: TEST_SECRET,
      TESSERA_DATA_DIR: dataDir,
      TESSERA_REVOCATION_FEED_MAX_SILENCE: '1',
    });
    server = await startServer(config, { passwordHasher: fastHasher, shutdownGraceMs: 2000 });
  });

  after(async () => {
    await server?.close();
    await redis?.destroy();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 where Redis is needed (never 500, never a revoked session) and recovers without a restart', async () => {
    assert.ok(server !== undefined && redis !== undefined);
    const running = server;
    const privateRedis = redis;
    const email = uniqueEmail();
    const cookie = sessionCookieFrom(
      await send(running.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } }),
    )!;
    const bearer = (
      await send(running.url, 'POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      })
    ).json as { access_token: string };
    const revokedEarlier = (
      await send(running.url, 'POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      })
    ).json as { access_token: string };
    assert.equal(
      (await send(running.url, 'POST', '/auth/logout', { bearer: revokedEarlier.access_token })).status,
      204,
    );

    // Background traffic for the whole outage: nothing may ever answer 500.
    const statuses: number[] = [];
    const traffic_ = { on: true };
    const traffic = (async () => {
      while (traffic_.on) {
        const results = await Promise.all([
          send(running.url, 'GET', '/auth/me', { cookie }),
          send(running.url, 'GET', '/auth/me', { bearer: bearer.access_token }),
          send(running.url, 'GET', '/auth/me', { bearer: revokedEarlier.access_token }),
        ]);
        statuses.push(...results.map((result) => result.status));
        const revoked = results[2];
        assert.notEqual(revoked.status, 200, 'a revoked session is never accepted, outage or not');
      }
    })();

    await privateRedis.stop();
    const login = await until(
      5000,
      () => send(running.url, 'POST', '/auth/login', { body: { email, password: PASSWORD } }),
      (r) => r.status !== 200,
    );
    assert.equal(login.status, 503);
    assert.equal(login.json.code, 'store_unavailable');
    assert.equal(
      (await send(running.url, 'GET', '/auth/me', { cookie })).status,
      200,
      'cookie sessions live in PostgreSQL',
    );
    const bearerDuring = await until(
      5000,
      () => send(running.url, 'GET', '/auth/me', { bearer: bearer.access_token }),
      (r) => r.status === 503,
    );
    assert.equal(
      bearerDuring.json.code,
      'revocation_feed_unavailable',
      'fail closed once the feed has been silent',
    );
    const logout = await send(running.url, 'POST', '/auth/logout', { cookie });
    assert.equal(logout.status, 503, 'a revocation that cannot be published is refused, not half done');
    assert.equal(
      (await send(running.url, 'GET', '/auth/me', { cookie })).status,
      200,
      'and the session is still whole',
    );
    assert.equal((await send(running.url, 'GET', '/healthz')).status, 503);

    await privateRedis.resume();
    await until(
      10_000,
      () => send(running.url, 'POST', '/auth/login', { body: { email, password: PASSWORD } }),
      (r) => r.status === 200,
    );
    await until(
      10_000,
      () => send(running.url, 'GET', '/auth/me', { bearer: bearer.access_token }),
      (r) => r.status === 200,
    );
    assert.equal((await send(running.url, 'GET', '/healthz')).status, 200);
    assert.equal((await send(running.url, 'POST', '/auth/logout', { cookie })).status, 204);
    assert.equal((await send(running.url, 'GET', '/auth/me', { cookie })).status, 401);

    traffic_.on = false;
    await traffic;
    assert.ok(statuses.length > 0);
    assert.ok(!statuses.includes(500), `statuses seen: ${[...new Set(statuses)].join(', ')}`);
  });
});

describe('an instance killed with SIGKILL in the middle of refreshes', { skip }, () => {
  let a: RunningProcess;
  let b: RunningProcess;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  let cleanupRedis: () => Promise<void> = () => Promise.resolve();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-kill-'));

  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = () => database.drop();
    const redisPrefix = createTestRedisPrefix();
    cleanupRedis = () => redisPrefix.cleanup();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      TESSERA_REDIS_PREFIX: redisPrefix.prefix,
      TESSERA_SECRET: TEST_SECRET,
      TESSERA_ISSUER: 'http://tessera.test',
      TESSERA_DATA_DIR: dataDir,
    };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  });

  after(async () => {
    await Promise.all([a.kill(), b.stop()]);
    await dropDatabase();
    await cleanupRedis();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no session both revoked and usable, and no refresh chain forked', async () => {
    const email = uniqueEmail();
    await send(a.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
    const chains: { tokens: string[]; access: string }[] = [];
    for (let i = 0; i < 12; i += 1) {
      const login = await send(a.url, 'POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      chains.push({
        tokens: [login.json.refresh_token as string],
        access: login.json.access_token as string,
      });
    }
    // Every chain refreshes against A as fast as it can until A dies.
    let killed = false;
    const isKilled = () => killed;
    const loops = chains.map(async (chain) => {
      while (!isKilled()) {
        try {
          const result = await send(a.url, 'POST', '/auth/refresh', {
            body: { refresh_token: chain.tokens.at(-1) },
          });
          if (result.status !== 200) throw new Error(`refresh on A answered ${result.status} ${result.text}`);
          chain.tokens.push(result.json.refresh_token as string);
          chain.access = result.json.access_token as string;
        } catch (error) {
          if (isKilled()) return;
          throw error;
        }
      }
    });
    // Kill A mid-flight once every chain has rotated at least once: waiting for that instead of a
    // fixed time keeps the test meaningful on a loaded machine (a fixed 400 ms was flaky there).
    const rotatedBy = Date.now() + 30_000;
    while (!chains.every((chain) => chain.tokens.length > 1) && Date.now() < rotatedBy) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    killed = true;
    await a.kill();
    await Promise.all(loops);
    assert.ok(
      chains.every((chain) => chain.tokens.length > 1),
      'every chain rotated before the kill',
    );

    for (const chain of chains) {
      // The last token the client holds either is still current (A died before committing) or was
      // just rotated by A (its answer was lost): within the grace both continue on B.
      const [first, second] = await Promise.all([
        send(b.url, 'POST', '/auth/refresh', { body: { refresh_token: chain.tokens.at(-1) } }),
        send(b.url, 'POST', '/auth/refresh', { body: { refresh_token: chain.tokens.at(-1) } }),
      ]);
      assert.equal(first.status, 200, first.text);
      assert.equal(second.status, 200, second.text);
      assert.equal(
        first.json.refresh_token,
        second.json.refresh_token,
        'one successor: the chain did not fork',
      );
      assert.equal((await send(b.url, 'GET', '/auth/me', { bearer: first.json.access_token })).status, 200);
    }

    // Replaying an older token is reuse: the session is revoked and then unusable everywhere.
    const victim = chains[0]!;
    const replay = await send(b.url, 'POST', '/auth/refresh', { body: { refresh_token: victim.tokens[0] } });
    assert.equal(replay.status, 401);
    assert.equal(replay.json.code, 'refresh_token_reused');
    const me = await send(b.url, 'GET', '/auth/me', { bearer: victim.access });
    assert.equal(me.status, 401);
    assert.equal(me.json.code, 'session_revoked');
  });
});
