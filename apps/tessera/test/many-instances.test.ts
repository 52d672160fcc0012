import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { createTesseraDeps, parseServerSecrets, silentLogger } from '@tessera/core';
import { createTesseraHttp, requireRole, tesseraExpress } from '@tessera/http/express';
import express from 'express';
import { loadConfig } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import { runTessera } from './cli-harness.js';
import { PASSWORD, send, sessionCookieFrom, TEST_SECRET, uniqueEmail } from './harness.js';
import { startServerProcess, startVerifierProcess, type RunningProcess } from './processes.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();
const ISSUER = 'http://tessera.test';

/** Polls until `check` holds; resolves the milliseconds it took. */
async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('three instances and a verifier on one PostgreSQL + Redis', { skip }, () => {
  const instances: RunningProcess[] = [];
  let verifier: RunningProcess | undefined;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  let cleanupRedis: () => Promise<void> = () => Promise.resolve();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-many-'));
  let env: Record<string, string> = {};

  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = () => database.drop();
    const redis = createTestRedisPrefix();
    cleanupRedis = () => redis.cleanup();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      TESSERA_REDIS_PREFIX: redis.prefix,
      TESSERA_SECRET: TEST_SECRET,
      TESSERA_ISSUER: ISSUER,
      TESSERA_DATA_DIR: dataDir,
    };
    // One after the other: the first creates the signing key, the others load it.
    for (let i = 0; i < 3; i += 1) instances.push(await startServerProcess(env));
    verifier = await startVerifierProcess({
      TESSERA_URL: instances[0]!.url,
      TESSERA_FEED_URL: `${instances[1]!.url}/auth/revocations`,
      TESSERA_ISSUER: ISSUER,
    });
  });

  after(async () => {
    await Promise.all([verifier?.stop(), ...instances.map((instance) => instance.stop())]);
    await dropDatabase();
    await cleanupRedis();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a session created on one instance is usable on all of them and on the verifier', async () => {
    const [a, b, c] = instances as [RunningProcess, RunningProcess, RunningProcess];
    const email = uniqueEmail();
    const registered = await send(a.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
    assert.equal(registered.status, 201, registered.text);
    const cookie = sessionCookieFrom(registered)!;
    for (const instance of [a, b, c]) {
      assert.equal((await send(instance.url, 'GET', '/auth/me', { cookie })).status, 200);
    }
    const login = await send(b.url, 'POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    const token = login.json.access_token as string;
    for (const instance of [a, b, c]) {
      assert.equal((await send(instance.url, 'GET', '/auth/me', { bearer: token })).status, 200);
    }
    const who = await send(verifier!.url, 'GET', '/whoami', { bearer: token });
    assert.equal(who.status, 200, who.text);
    assert.equal(who.json.sub, login.json.user.id);
  });

  it('a cookie session revoked on one instance is refused by the others at once', async () => {
    const [a, b, c] = instances as [RunningProcess, RunningProcess, RunningProcess];
    const email = uniqueEmail();
    const cookie = sessionCookieFrom(
      await send(a.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } }),
    )!;
    // Warm every instance's session cache first: the point is that the cache is invalidated.
    for (const instance of [a, b, c])
      assert.equal((await send(instance.url, 'GET', '/auth/me', { cookie })).status, 200);
    assert.equal((await send(b.url, 'POST', '/auth/logout', { cookie })).status, 204);
    for (const instance of [a, c]) {
      await within(
        2000,
        async () => (await send(instance.url, 'GET', '/auth/me', { cookie })).status === 401,
      );
    }
  });

  it('a bearer session revoked on one instance is refused by every other and by the verifier within milliseconds', async () => {
    const [a, b, c] = instances as [RunningProcess, RunningProcess, RunningProcess];
    const email = uniqueEmail();
    await send(a.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
    const login = await send(a.url, 'POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    const token = login.json.access_token as string;
    assert.equal((await send(verifier!.url, 'GET', '/whoami', { bearer: token })).status, 200);
    assert.equal((await send(c.url, 'POST', '/auth/logout', { bearer: token })).status, 204);
    const refusedBy = async (url: string, path: string) => {
      const result = await send(url, 'GET', path, { bearer: token });
      return result.status === 401 && result.json.code === 'session_revoked';
    };
    for (const instance of [a, b]) await within(2000, () => refusedBy(instance.url, '/auth/me'));
    const verifierMs = await within(2000, () => refusedBy(verifier!.url, '/whoami'));
    assert.ok(verifierMs < 2000);
  });

  /** An Express app on the same store, with the adapter's `requireRole('admin')` on `/reports`. */
  async function startAdapterApp(): Promise<{ url: string; close(): Promise<void> }> {
    const config = loadConfig({ ...env, PORT: '0' });
    const store = await openStore(config, silentLogger);
    const deps = await createTesseraDeps({
      store,
      secrets: parseServerSecrets(TEST_SECRET, 'TESSERA_SECRET'),
      tokens: { issuer: config.deps.tokens.issuer, audience: config.deps.tokens.audience },
    });
    const tessera = createTesseraHttp({
      deps,
      cookieMode: 'session',
      trustedOrigins: new Set(),
      trustProxy: { kind: 'none' },
    });
    const app = express();
    app.use(tesseraExpress(tessera));
    app.get('/reports', requireRole('admin'), (_request, response) => {
      response.json({ reports: [] });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await deps.revocationFeed.stop();
        await store.close();
      },
    };
  }

  // Issue 11 (12e): users are cached 30 s per instance; a role change must not wait for that.
  it('a role taken away on one instance is refused by requireRole and /auth/me elsewhere at once', async () => {
    const [a, b, c] = instances as [RunningProcess, RunningProcess, RunningProcess];
    const adapterApp = await startAdapterApp();
    after(() => adapterApp.close());
    const [boss, deputy] = [uniqueEmail('boss'), uniqueEmail('deputy')];
    for (const email of [boss, deputy]) {
      const added = await runTessera(['users', 'add', email, '--role', 'admin'], env, { password: PASSWORD });
      assert.equal(added.code, 0, added.err);
    }
    const signIn = async (instance: RunningProcess, email: string) =>
      sessionCookieFrom(
        await send(instance.url, 'POST', '/auth/login', { body: { email, password: PASSWORD } }),
      )!;
    const bossCookie = await signIn(a, boss);
    const deputyCookie = await signIn(b, deputy);
    const reportsStatus = async () =>
      (await send(adapterApp.url, 'GET', '/reports', { cookie: deputyCookie })).status;
    const rolesOn = async (instance: RunningProcess) =>
      (await send(instance.url, 'GET', '/auth/me', { cookie: deputyCookie })).json.user.roles as string[];
    // Every instance and the app now hold the deputy's user, with the admin role, in their caches.
    assert.equal(await reportsStatus(), 200);
    for (const instance of [b, c]) assert.deepEqual(await rolesOn(instance), ['admin']);
    const deputyId = (await send(b.url, 'GET', '/auth/me', { cookie: deputyCookie })).json.user.id as string;

    const demoted = await send(a.url, 'PUT', `/admin/users/${deputyId}/roles`, {
      cookie: bossCookie,
      body: { roles: [] },
    });
    assert.equal(demoted.status, 200, demoted.text);
    await within(2000, async () => (await reportsStatus()) === 403);
    for (const instance of [b, c]) await within(2000, async () => (await rolesOn(instance)).length === 0);
  });

  it('login throttling is shared: failures on different instances add up', async () => {
    const email = uniqueEmail();
    await send(instances[0]!.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
    for (let i = 0; i < 5; i += 1) {
      const instance = instances[i % 3]!;
      const result = await send(instance.url, 'POST', '/auth/login', {
        body: { email, password: `wrong guess ${i}` },
      });
      assert.equal(result.status, 401);
    }
    for (const instance of instances) {
      const result = await send(instance.url, 'POST', '/auth/login', { body: { email, password: PASSWORD } });
      assert.equal(result.status, 429, 'the sixth attempt is refused everywhere');
    }
  });

  it('refresh rotation is shared: a token rotated on one instance is the previous one on another', async () => {
    const [a, b] = instances as [RunningProcess, RunningProcess, RunningProcess];
    const email = uniqueEmail();
    await send(a.url, 'POST', '/auth/register', { body: { email, password: PASSWORD } });
    const login = await send(a.url, 'POST', '/auth/login', {
      body: { email, password: PASSWORD, transport: 'bearer' },
    });
    const r0 = login.json.refresh_token as string;
    const [onA, onB] = await Promise.all([
      send(a.url, 'POST', '/auth/refresh', { body: { refresh_token: r0 } }),
      send(b.url, 'POST', '/auth/refresh', { body: { refresh_token: r0 } }),
    ]);
    assert.equal(onA.status, 200, onA.text);
    assert.equal(onB.status, 200, onB.text);
    assert.equal(onA.json.refresh_token, onB.json.refresh_token, 'one successor across instances');
  });

  it('metrics: every instance counts the same live sessions, and times revocations made elsewhere', async () => {
    const read = (text: string, name: string) => {
      const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
      assert.ok(match, `${name} missing`);
      return Number(match[1]);
    };
    const scrapes = await Promise.all(instances.map((instance) => send(instance.url, 'GET', '/metrics')));
    const active = scrapes.map((scrape) => read(scrape.text, 'tessera_active_sessions'));
    // The earlier cases signed in on several instances and logged out of two sessions.
    assert.ok(active[0]! > 0);
    assert.deepEqual(active, [active[0], active[0], active[0]], 'one count, from the shared store');
    // Each instance applied, through the Redis stream, revocations another instance made.
    for (const scrape of scrapes) {
      assert.ok(read(scrape.text, 'tessera_revocation_propagation_seconds_count') >= 1);
    }
  });
});
