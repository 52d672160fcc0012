import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPasswordHasher, type PasswordHasher } from '@tessera/core/password';
import { PASSWORD, startTestServer, uniqueEmail } from './harness.js';

/** A real hasher that counts how much hashing each login does. */
function countingHasher(): PasswordHasher & { verifications: () => number } {
  const inner = createPasswordHasher({ argon2: { memoryCostKiB: 1024, timeCost: 1, parallelism: 1 } });
  let count = 0;
  return {
    hash: (password) => inner.hash(password),
    needsRehash: (hash) => inner.needsRehash(hash),
    verify: (hash, password) => {
      count += 1;
      return inner.verify(hash, password);
    },
    verifyDummy: (password) => {
      count += 1;
      return inner.verifyDummy(password);
    },
    verifications: () => count,
  };
}

describe('enumeration: unknown email and wrong password look the same', () => {
  it('same status, same body bytes, same headers, same amount of hashing', async () => {
    const hasher = countingHasher();
    const server = await startTestServer({}, { hasher });
    try {
      const email = uniqueEmail();
      await server.register(email);
      const before = hasher.verifications();
      const wrong = await server.login(email, 'definitely not it');
      const afterWrong = hasher.verifications();
      const unknown = await server.login(uniqueEmail('nobody'), 'definitely not it');
      const afterUnknown = hasher.verifications();
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.equal(wrong.text, unknown.text);
      assert.equal(wrong.json.code, 'invalid_credentials');
      const strip = (h: Record<string, unknown>) =>
        Object.keys(h)
          .filter((k) => k !== 'date')
          .sort();
      assert.deepEqual(strip(wrong.headers), strip(unknown.headers));
      assert.equal(afterWrong - before, 1, 'one password verification for a known email');
      assert.equal(afterUnknown - afterWrong, 1, 'and one (against a dummy hash) for an unknown one');
    } finally {
      await server.close();
    }
  });
});

describe('login throttling (DESIGN §3.1)', () => {
  it('after 5 failures the 6th attempt is 429 with Retry-After, even with the right password', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      await server.register(email);
      for (let i = 0; i < 5; i += 1)
        assert.equal((await server.login(email, `wrong ${i} password`)).status, 401);
      const blocked = await server.login(email, PASSWORD);
      assert.equal(blocked.status, 429);
      assert.equal(blocked.json.code, 'rate_limited');
      const retryAfter = Number(blocked.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 900, String(retryAfter));
      assert.equal((await server.login(email, PASSWORD)).status, 429, 'and every attempt in the window');
      server.clock.advanceSeconds(900);
      assert.equal((await server.login(email, PASSWORD)).status, 200, 'the window closes');
    } finally {
      await server.close();
    }
  });

  it('unknown emails are throttled exactly like known ones', async () => {
    const server = await startTestServer();
    try {
      const ghost = uniqueEmail('ghost');
      for (let i = 0; i < 5; i += 1) assert.equal((await server.login(ghost, 'whatever it is')).status, 401);
      assert.equal((await server.login(ghost, 'whatever it is')).status, 429);
    } finally {
      await server.close();
    }
  });

  it('a success resets the account counter', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      await server.register(email);
      for (let i = 0; i < 4; i += 1) await server.login(email, 'wrong password x');
      assert.equal((await server.login(email)).status, 200);
      for (let i = 0; i < 5; i += 1)
        assert.equal((await server.login(email, 'wrong password y')).status, 401);
      assert.equal((await server.login(email)).status, 429);
    } finally {
      await server.close();
    }
  });

  it('parallel guesses cannot overshoot the limit', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      await server.register(email);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => server.login(email, 'parallel guess')),
      );
      const statuses = results.map((result) => result.status).sort();
      assert.equal(statuses.filter((status) => status === 401).length, 5);
      assert.equal(statuses.filter((status) => status === 429).length, 15);
    } finally {
      await server.close();
    }
  });

  it('X-Forwarded-For is ignored unless TESSERA_TRUST_PROXY says otherwise', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      await server.register(email);
      for (let i = 0; i < 5; i += 1) {
        await server.login(email, 'wrong password z', { 'x-forwarded-for': `203.0.113.${i}` });
      }
      const spoofed = await server.login(email, PASSWORD, { 'x-forwarded-for': '198.51.100.77' });
      assert.equal(spoofed.status, 429, 'a new X-Forwarded-For does not make a new client');
    } finally {
      await server.close();
    }
  });

  it('with TESSERA_TRUST_PROXY=1 the right-most X-Forwarded-For entry is the client', async () => {
    const server = await startTestServer({ TESSERA_TRUST_PROXY: '1' });
    try {
      const email = uniqueEmail();
      await server.register(email);
      for (let i = 0; i < 5; i += 1) {
        await server.login(email, 'wrong password w', { 'x-forwarded-for': '1.1.1.1, 203.0.113.9' });
      }
      assert.equal(
        (await server.login(email, PASSWORD, { 'x-forwarded-for': '2.2.2.2, 203.0.113.9' })).status,
        429,
        'the client cannot pick its address by prepending entries',
      );
      assert.equal(
        (await server.login(email, PASSWORD, { 'x-forwarded-for': '203.0.113.10' })).status,
        200,
        'another client behind the proxy is not blocked',
      );
      const sessions = await server.send('GET', '/auth/sessions', {
        cookie: (
          await server.login(email, PASSWORD, { 'x-forwarded-for': '203.0.113.11' })
        ).setCookies[0]!.split(';')[0]!.split('=')[1]!,
      });
      assert.ok(
        sessions.json.sessions.some((s: { ip: string }) => s.ip === '203.0.113.11'),
        'the device list shows the client IP',
      );
    } finally {
      await server.close();
    }
  });

  it('per-IP limit across accounts: the correct password is refused too and a success does not reset it', async () => {
    const server = await startTestServer({ TESSERA_LOGIN_MAX_FAILURES_PER_IP: '8' });
    try {
      const victim = uniqueEmail();
      await server.register(victim);
      for (let i = 0; i < 4; i += 1)
        assert.equal((await server.login(uniqueEmail('spray'), 'Spring2026!x')).status, 401);
      assert.equal((await server.login(victim)).status, 200);
      for (let i = 0; i < 4; i += 1)
        assert.equal((await server.login(uniqueEmail('spray'), 'Spring2026!x')).status, 401);
      const blocked = await server.login(victim);
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      // Attempts answered 429 do not count: the window still closes on time.
      server.clock.advanceSeconds(900);
      assert.equal((await server.login(victim)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('a wrong current password on POST /auth/password counts as a failed login', async () => {
    const server = await startTestServer();
    try {
      const email = uniqueEmail();
      const token = await server.register(email);
      for (let i = 0; i < 5; i += 1) {
        const result = await server.send('POST', '/auth/password', {
          cookie: token,
          body: { currentPassword: `guess number ${i}`, newPassword: 'a fresh passphrase 1' },
        });
        assert.equal(result.status, 401);
      }
      assert.equal((await server.login(email)).status, 429);
    } finally {
      await server.close();
    }
  });
});

describe('IPv6 clients are throttled by /64 (issue 11, defect 12)', () => {
  it('failures from two addresses in one /64 share a counter; another /64 and IPv4 stay apart', async () => {
    const server = await startTestServer({ TESSERA_TRUST_PROXY: '1' });
    try {
      const email = uniqueEmail();
      await server.register(email);
      const inSubnet = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff'];
      for (let i = 0; i < 5; i += 1) {
        const result = await server.login(email, 'wrong password v6', {
          'x-forwarded-for': inSubnet[i % 2]!,
        });
        assert.equal(result.status, 401);
      }
      const third = await server.login(email, PASSWORD, { 'x-forwarded-for': '2001:db8:1:2:abcd::42' });
      assert.equal(third.status, 429, 'a new address in the same /64 is the same client');
      const sessions = await server.login(email, PASSWORD, { 'x-forwarded-for': '2001:db8:1:3::1' });
      assert.equal(sessions.status, 200, 'the next /64 is another client');

      for (let i = 0; i < 5; i += 1) {
        await server.login(email, 'wrong password v4', { 'x-forwarded-for': '::ffff:203.0.113.20' });
      }
      const mapped = await server.login(email, PASSWORD, { 'x-forwarded-for': '203.0.113.20' });
      assert.equal(mapped.status, 429, 'IPv4-mapped IPv6 is the IPv4 address');
      const neighbour = await server.login(email, PASSWORD, { 'x-forwarded-for': '203.0.113.21' });
      assert.equal(neighbour.status, 200, 'IPv4 stays per address');
    } finally {
      await server.close();
    }
  });

  it('registrations from one /64 share the registration allowance', async () => {
    const server = await startTestServer({ TESSERA_TRUST_PROXY: '1', TESSERA_REGISTER_MAX_PER_IP: '2' });
    try {
      for (const ip of ['2001:db8:9:9::1', '2001:db8:9:9::2']) {
        const result = await server.register(uniqueEmail(), PASSWORD, { 'x-forwarded-for': ip });
        assert.notEqual(result, '');
      }
      const refused = await server.send('POST', '/auth/register', {
        body: { email: uniqueEmail(), password: PASSWORD },
        headers: { 'x-forwarded-for': '2001:db8:9:9::3' },
      });
      assert.equal(refused.status, 429);
    } finally {
      await server.close();
    }
  });
});
