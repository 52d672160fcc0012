// Registration is throttled per client IP (issue 11, defect 5; DESIGN §3.2): `TESSERA_REGISTER_MAX_PER_IP`
// attempts (default 10) in an hour, failed ones included, then 429 rate_limited with Retry-After.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore } from '@tessera/stores/memory';
import { composeStore } from '@tessera/stores/compose';
import { createRedisClient, createRedisCounterStore } from '@tessera/stores/redis';
import { ConfigError, loadConfig } from '../src/load-config.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

function registerFrom(server: TestServer, ip: string, email: string, password = PASSWORD) {
  return server.send('POST', '/auth/register', {
    body: { email, password },
    headers: { 'x-forwarded-for': ip },
  });
}

describe('registration throttle per client IP', () => {
  it('the 11th attempt in an hour gets 429 with Retry-After; taken emails and weak passwords count', async () => {
    // No TESSERA_REGISTER_MAX_PER_IP: the default.
    const server = await startTestServer({ TESSERA_REGISTER_MAX_PER_IP: '', TESSERA_TRUST_PROXY: '1' });
    try {
      const ip = '203.0.113.7';
      const taken = uniqueEmail('taken');
      assert.equal((await registerFrom(server, ip, taken)).status, 201);
      for (let i = 0; i < 5; i += 1) {
        const result = await registerFrom(server, ip, taken);
        assert.equal(result.json.code, 'email_taken');
      }
      for (let i = 0; i < 3; i += 1) {
        const result = await registerFrom(server, ip, uniqueEmail(), 'password');
        assert.equal(result.json.code, 'weak_password');
      }
      assert.equal((await registerFrom(server, ip, uniqueEmail())).status, 201, 'the 10th attempt');

      const refused = await registerFrom(server, ip, uniqueEmail());
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.json.code, 'rate_limited');
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.equal(refused.headers['retry-after'], '3600');
      const probe = await registerFrom(server, ip, taken);
      assert.equal(probe.status, 429, 'a taken email is not revealed either');

      assert.equal((await registerFrom(server, '203.0.113.99', uniqueEmail())).status, 201, 'other IPs');
      server.clock.advanceSeconds(1800);
      assert.equal((await registerFrom(server, ip, uniqueEmail())).headers['retry-after'], '1800');
      server.clock.advanceSeconds(1800);
      assert.equal((await registerFrom(server, ip, uniqueEmail())).status, 201, 'a new hour');
    } finally {
      await server.close();
    }
  });

  it('honours TESSERA_REGISTER_MAX_PER_IP, and login is not counted against it', async () => {
    const server = await startTestServer({ TESSERA_REGISTER_MAX_PER_IP: '2' });
    try {
      const email = uniqueEmail();
      await server.register(email);
      for (let i = 0; i < 3; i += 1) assert.equal((await server.login(email)).status, 200);
      await server.register(uniqueEmail());
      const refused = await server.send('POST', '/auth/register', {
        body: { email: uniqueEmail(), password: PASSWORD },
      });
      assert.equal(refused.status, 429);
      assert.equal((await server.login(email)).status, 200, 'sign-in is a separate limit');
    } finally {
      await server.close();
    }
  });

  it('TESSERA_REGISTER_MAX_PER_IP is validated at start-up', () => {
    for (const value of ['0', '-1', 'ten', '1.5']) {
      assert.throws(
        () => loadConfig({ TESSERA_REGISTER_MAX_PER_IP: value }),
        (error: unknown) =>
          error instanceof ConfigError && error.message.includes('TESSERA_REGISTER_MAX_PER_IP'),
      );
    }
    assert.equal(loadConfig({ TESSERA_REGISTER_MAX_PER_IP: '25' }).deps.throttle.maxRegistrationsPerIp, 25);
  });
});

const skip = await servicesSkipReason();

describe('registration throttle across instances (Redis counters)', { skip }, () => {
  it('two instances count one client IP together', async () => {
    const redis = createTestRedisPrefix();
    const servers: TestServer[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        const client = await createRedisClient(REDIS_URL);
        const store = composeStore({
          base: createMemoryStore(),
          counters: createRedisCounterStore(client, { prefix: redis.prefix }),
        });
        const close = store.close.bind(store);
        store.close = async () => {
          await close();
          client.destroy();
        };
        servers.push(await startTestServer({ TESSERA_REGISTER_MAX_PER_IP: '3' }, { store }));
      }
      const [a, b] = servers as [TestServer, TestServer];
      await a.register(uniqueEmail());
      await b.register(uniqueEmail());
      await a.register(uniqueEmail());
      const refused = await b.send('POST', '/auth/register', {
        body: { email: uniqueEmail(), password: PASSWORD },
      });
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.json.code, 'rate_limited');
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await redis.cleanup();
    }
  });
});
