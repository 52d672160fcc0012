// DESIGN §9 from the outside, over HTTP: sessions that know how they were authenticated, recent
// authentication, TOTP enrolment, recovery codes and the two-step login. Codes are computed here,
// from the secret the server hands out, against the server's fake clock, by an RFC 6238
// implementation of this file's own (checked against the RFC's vectors first).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger, type TesseraStore } from '@tessera/core';
import { loadConfig, type Environment } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import {
  ACCESS_COOKIE,
  cookieFrom,
  PASSWORD,
  sessionCookieFrom,
  startTestServer,
  TEST_SECRET,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';

/** RFC 4648 base32 → bytes. */
function decodeBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    const index = alphabet.indexOf(char);
    if (index === -1) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 (HOTP of RFC 4226 §5.3 over the 30 s step), SHA-1, `digits` digits. */
function totp(secret: string, at: Date, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', decodeBase32(secret)).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe("this file's RFC 6238 implementation", () => {
  it('gives the RFC 6238 Appendix B SHA-1 codes', () => {
    const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    for (const [seconds, code] of [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ] as const) {
      assert.equal(totp(seed, new Date(seconds * 1000), 8), code);
    }
  });
});

/** A deployment under test: one or two servers on one store. */
interface Deployment {
  servers: TestServer[];
  close(): Promise<void>;
}

async function startDeployment(env: Environment, instances: number): Promise<Deployment> {
  const stores: TesseraStore[] = [];
  const servers: TestServer[] = [];
  for (let i = 0; i < instances; i += 1) {
    const store = await openStore(
      loadConfig({ PORT: '0', TESSERA_SECRET: TEST_SECRET, ...env }),
      silentLogger,
    );
    stores.push(store);
    servers.push(await startTestServer(env, { store }));
  }
  return {
    servers,
    async close() {
      for (const server of servers) await server.close();
      for (const store of stores) await store.close();
    },
  };
}

/** Registers a user; resolves its email and session cookie. */
async function register(server: TestServer): Promise<{ email: string; cookie: string }> {
  const email = uniqueEmail('mfa');
  return { email, cookie: await server.register(email) };
}

/** Turns TOTP on for a signed-in user; resolves the secret and the recovery codes. */
async function enrolTotp(
  server: TestServer,
  cookie: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await server.send('POST', '/auth/mfa/totp', { cookie });
  assert.equal(started.status, 200, started.text);
  const secret = started.json.secret as string;
  const confirmed = await server.send('POST', '/auth/mfa/totp/confirm', {
    cookie,
    body: { code: totp(secret, server.clock.now()) },
  });
  assert.equal(confirmed.status, 200, confirmed.text);
  // The confirming code's step is spent: later codes come from the next step.
  server.clock.advanceSeconds(30);
  return { secret, recoveryCodes: confirmed.json.recoveryCodes as string[] };
}

function assertProblem(result: HttpResult, status: number, code: string): void {
  assert.equal(result.status, status, result.text);
  assert.equal(result.headers['content-type'], 'application/problem+json');
  assert.equal(result.json.code, code, result.text);
}

function describeDeployment(
  name: string,
  makeEnv: () => Promise<{ env: Environment; cleanup(): Promise<void> }>,
) {
  describe(`second factors and recent authentication (${name})`, () => {
    let deployment: Deployment | undefined;
    let server: TestServer;
    let cleanup = (): Promise<void> => Promise.resolve();

    before(async () => {
      const made = await makeEnv();
      cleanup = () => made.cleanup();
      deployment = await startDeployment(made.env, 1);
      server = deployment.servers[0]!;
    });
    after(async () => {
      await deployment?.close();
      await cleanup();
    });

    it('a password session says how and when it was authenticated, and so does its access token', async () => {
      const { email, cookie } = await register(server);
      const me = await server.send('GET', '/auth/me', { cookie });
      assert.equal(me.status, 200);
      assert.deepEqual(me.json.session.amr, ['pwd']);
      assert.equal(me.json.session.authenticatedAt, server.clock.now().toISOString());
      const bearer = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      assert.equal(bearer.status, 200, bearer.text);
      const claims = payloadOf(bearer.json.access_token as string);
      assert.deepEqual(claims['amr'], ['pwd']);
      assert.equal(claims['auth_time'], Math.floor(server.clock.now().getTime() / 1000));
    });

    it('sensitive routes need a recent authentication; reauthenticating with the password renews it', async () => {
      const { cookie } = await register(server);
      server.clock.advanceSeconds(601);
      assertProblem(
        await server.send('POST', '/auth/mfa/totp', { cookie }),
        403,
        'reauthentication_required',
      );
      assertProblem(
        await server.send('DELETE', '/auth/mfa/totp', { cookie }),
        403,
        'reauthentication_required',
      );
      assertProblem(
        await server.send('POST', '/auth/mfa/recovery-codes', { cookie }),
        403,
        'reauthentication_required',
      );
      // Every route that adds or removes a way into the account (DESIGN §7–§9), before it looks at its input.
      for (const [method, path, body] of [
        ['POST', '/auth/email/change', { newEmail: uniqueEmail('moved') }],
        ['DELETE', '/auth/identities/github', undefined],
        ['POST', '/auth/passkeys/register/options', {}],
        ['DELETE', '/auth/passkeys/some-passkey', undefined],
      ] as const) {
        assertProblem(
          await server.send(method, path, body === undefined ? { cookie } : { cookie, body }),
          403,
          'reauthentication_required',
        );
      }
      const wrong = await server.send('POST', '/auth/reauthenticate', {
        cookie,
        body: { password: 'not-the-password' },
      });
      assertProblem(wrong, 401, 'invalid_credentials');
      assertProblem(
        await server.send('POST', '/auth/reauthenticate', { cookie, body: {} }),
        400,
        'invalid_request',
      );
      const again = await server.send('POST', '/auth/reauthenticate', {
        cookie,
        body: { password: PASSWORD },
      });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.session.authenticatedAt, server.clock.now().toISOString());
      assert.deepEqual(again.json.session.amr, ['pwd']);
      assert.equal((await server.send('POST', '/auth/mfa/totp', { cookie })).status, 200);
      // Without a session: 401 before the recency rule.
      assertProblem(await server.send('POST', '/auth/mfa/totp'), 401, 'unauthenticated');
    });

    it('a bearer reauthentication gets an access token with the new auth_time', async () => {
      const { email } = await register(server);
      const login = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      server.clock.advanceSeconds(700);
      const bearer = login.json.access_token as string;
      assertProblem(
        await server.send('POST', '/auth/mfa/totp', { bearer }),
        403,
        'reauthentication_required',
      );
      const again = await server.send('POST', '/auth/reauthenticate', {
        bearer,
        body: { password: PASSWORD },
      });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.token_type, 'Bearer');
      const fresh = again.json.access_token as string;
      assert.equal(payloadOf(fresh)['auth_time'], Math.floor(server.clock.now().getTime() / 1000));
      assert.equal((await server.send('POST', '/auth/mfa/totp', { bearer: fresh })).status, 200);
    });

    it('enrols TOTP with a code from the secret; a wrong code is 400 invalid_code', async () => {
      const { cookie } = await register(server);
      const before = await server.send('GET', '/auth/mfa', { cookie });
      assert.deepEqual(before.json, { totp: false, recoveryCodesLeft: 0, passkeys: 0 });
      const started = await server.send('POST', '/auth/mfa/totp', { cookie });
      assert.equal(started.status, 200);
      const secret = started.json.secret as string;
      assert.match(secret, /^[A-Z2-7]{32}$/);
      const url = new URL(started.json.otpauthUrl as string);
      assert.equal(url.protocol, 'otpauth:');
      assert.equal(url.searchParams.get('secret'), secret);
      const wrongCode = totp(secret, new Date(server.clock.now().getTime() + 120_000));
      const wrong = await server.send('POST', '/auth/mfa/totp/confirm', {
        cookie,
        body: { code: wrongCode },
      });
      assertProblem(wrong, 400, 'invalid_code');
      assert.equal((await server.send('GET', '/auth/mfa', { cookie })).json.totp, false);
      const confirmed = await server.send('POST', '/auth/mfa/totp/confirm', {
        cookie,
        body: { code: totp(secret, server.clock.now()) },
      });
      assert.equal(confirmed.status, 200, confirmed.text);
      const codes = confirmed.json.recoveryCodes as string[];
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      assert.deepEqual((await server.send('GET', '/auth/mfa', { cookie })).json, {
        totp: true,
        recoveryCodesLeft: 10,
        passkeys: 0,
      });
      // Nothing secret is ever logged.
      for (const line of server.logger.lines) {
        assert.ok(!line.includes(secret));
        for (const code of codes) assert.ok(!line.includes(code));
      }
    });

    it('a right password for a TOTP user creates no session: 401 mfa_required, then a code signs in', async () => {
      const { email, cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      const first = await server.login(email);
      assertProblem(first, 401, 'mfa_required');
      assert.deepEqual(first.setCookies, []);
      assert.deepEqual(first.json.methods, ['totp', 'recovery_code']);
      const mfaToken = first.json.mfaToken as string;
      assert.equal(typeof mfaToken, 'string');
      const code = totp(secret, server.clock.now());
      const second = await server.send('POST', '/auth/login/mfa', { body: { mfaToken, code } });
      assert.equal(second.status, 200, second.text);
      assert.deepEqual(second.json.session.amr, ['pwd', 'otp', 'mfa']);
      const session = sessionCookieFrom(second)!;
      assert.equal((await server.send('GET', '/auth/me', { cookie: session })).status, 200);
      // Single use: the token is spent.
      assertProblem(
        await server.send('POST', '/auth/login/mfa', { body: { mfaToken, code } }),
        401,
        'invalid_token',
      );
      // The same code, in its time step, is never accepted twice.
      const retry = await server.login(email);
      const replay = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: retry.json.mfaToken, code },
      });
      assertProblem(replay, 401, 'invalid_code');
      // The next step's code works.
      server.clock.advanceSeconds(30);
      const next = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: retry.json.mfaToken, code: totp(secret, server.clock.now()) },
      });
      assert.equal(next.status, 200, next.text);
      const metrics = await server.send('GET', '/metrics');
      assert.match(
        metrics.text,
        /tessera_second_factor_checks_total\{factor="totp",outcome="success"\} [1-9]/,
      );
      assert.match(
        metrics.text,
        /tessera_second_factor_checks_total\{factor="totp",outcome="failure"\} [1-9]/,
      );
    });

    it('the second step answers in the transport asked for at step one (bearer)', async () => {
      const { email, cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      const first = await server.send('POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      assertProblem(first, 401, 'mfa_required');
      const second = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: first.json.mfaToken, code: totp(secret, server.clock.now()) },
      });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.json.session.transport, 'bearer');
      assert.equal(second.json.token_type, 'Bearer');
      assert.deepEqual(payloadOf(second.json.access_token as string)['amr'], ['pwd', 'otp', 'mfa']);
      assert.deepEqual(second.setCookies, []);
    });

    it('a recovery code signs in once; regenerated codes kill the old ones', async () => {
      const { email, cookie } = await register(server);
      const { recoveryCodes } = await enrolTotp(server, cookie);
      const first = await server.login(email);
      const used = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: first.json.mfaToken, recoveryCode: recoveryCodes[0] },
      });
      assert.equal(used.status, 200, used.text);
      assert.equal((await server.send('GET', '/auth/mfa', { cookie })).json.recoveryCodesLeft, 9);
      const again = await server.login(email);
      const reused = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: again.json.mfaToken, recoveryCode: recoveryCodes[0] },
      });
      assertProblem(reused, 401, 'invalid_code');
      const regenerated = await server.send('POST', '/auth/mfa/recovery-codes', { cookie });
      assert.equal(regenerated.status, 200, regenerated.text);
      assert.equal((regenerated.json.recoveryCodes as string[]).length, 10);
      const old = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: again.json.mfaToken, recoveryCode: recoveryCodes[1] },
      });
      assertProblem(old, 401, 'invalid_code');
      const fresh = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: again.json.mfaToken, recoveryCode: regenerated.json.recoveryCodes[0] },
      });
      assert.equal(fresh.status, 200, fresh.text);
    });

    it('the mfaToken dies after 5 wrong codes, and after 300 s', async () => {
      const { email, cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      // Distinct client addresses are not available here: the account throttle (5) would also
      // answer the 6th attempt, but the dead token is refused before the throttle is consulted.
      const first = await server.login(email);
      const mfaToken = first.json.mfaToken as string;
      const wrong = totp(secret, new Date(server.clock.now().getTime() + 300_000));
      for (let i = 0; i < 5; i += 1) {
        assertProblem(
          await server.send('POST', '/auth/login/mfa', { body: { mfaToken, code: wrong } }),
          401,
          'invalid_code',
        );
      }
      const right = totp(secret, server.clock.now());
      assertProblem(
        await server.send('POST', '/auth/login/mfa', { body: { mfaToken, code: right } }),
        401,
        'invalid_token',
      );
      // Those 5 wrong codes were failed logins: the account is now throttled, the right password too.
      const throttled = await server.login(email);
      assert.equal(throttled.status, 429, throttled.text);
      server.clock.advanceSeconds(900);
      const later = await server.login(email);
      assertProblem(later, 401, 'mfa_required');
      server.clock.advanceSeconds(301);
      const expired = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: later.json.mfaToken, code: totp(secret, server.clock.now()) },
      });
      assertProblem(expired, 401, 'invalid_token');
      assertProblem(
        await server.send('POST', '/auth/login/mfa', { body: { mfaToken: 'x.y', code: right } }),
        401,
        'invalid_token',
      );
    });

    it('a right password at step one does not reset the failure counter', async () => {
      const { email, cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      for (let i = 0; i < 3; i += 1)
        assertProblem(await server.login(email, 'wrong-password'), 401, 'invalid_credentials');
      const first = await server.login(email);
      assertProblem(first, 401, 'mfa_required');
      const wrong = totp(secret, new Date(server.clock.now().getTime() + 300_000));
      const failed = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: first.json.mfaToken, code: wrong },
      });
      assertProblem(failed, 401, 'invalid_code');
      const second = await server.login(email);
      assertProblem(second, 401, 'mfa_required');
      assertProblem(
        await server.send('POST', '/auth/login/mfa', {
          body: { mfaToken: second.json.mfaToken, code: wrong },
        }),
        401,
        'invalid_code',
      );
      // 3 wrong passwords + 2 wrong codes = 5 failures: the 6th attempt is throttled, right password or not.
      assert.equal((await server.login(email)).status, 429);
      server.clock.advanceSeconds(900);
    });

    it('a wrong code at reauthentication is 401 invalid_code; a right one renews and adds otp', async () => {
      const { cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      server.clock.advanceSeconds(601);
      const wrong = totp(secret, new Date(server.clock.now().getTime() + 300_000));
      assertProblem(
        await server.send('POST', '/auth/reauthenticate', { cookie, body: { code: wrong } }),
        401,
        'invalid_code',
      );
      const right = await server.send('POST', '/auth/reauthenticate', {
        cookie,
        body: { code: totp(secret, server.clock.now()) },
      });
      assert.equal(right.status, 200, right.text);
      assert.deepEqual(right.json.session.amr, ['pwd', 'otp']);
      assert.equal((await server.send('DELETE', '/auth/mfa/totp', { cookie })).status, 204);
      assert.equal((await server.send('GET', '/auth/mfa', { cookie })).json.totp, false);
    });

    it('turning TOTP off brings back the one-step login', async () => {
      const { email, cookie } = await register(server);
      await enrolTotp(server, cookie);
      assertProblem(await server.login(email), 401, 'mfa_required');
      assert.equal((await server.send('DELETE', '/auth/mfa/totp', { cookie })).status, 204);
      assert.equal((await server.login(email)).status, 200);
    });

    it("an administrator sees a user's factors and resets them: audited, every session revoked", async () => {
      const admin = await register(server);
      const adminId = (await server.send('GET', '/auth/me', { cookie: admin.cookie })).json.user.id as string;
      await server.store.updateUserRoles(adminId, ['admin']);
      const { email, cookie } = await register(server);
      const userId = (await server.send('GET', '/auth/me', { cookie })).json.user.id as string;
      await enrolTotp(server, cookie);
      assertProblem(await server.send('GET', `/admin/users/${userId}/mfa`, { cookie }), 403, 'forbidden');
      const seen = await server.send('GET', `/admin/users/${userId}/mfa`, { cookie: admin.cookie });
      assert.equal(seen.status, 200, seen.text);
      assert.deepEqual(seen.json, { totp: true, recoveryCodesLeft: 10, passkeys: 0 });
      const reset = await server.send('DELETE', `/admin/users/${userId}/mfa`, { cookie: admin.cookie });
      assert.equal(reset.status, 204, reset.text);
      assert.equal((await server.send('GET', '/auth/me', { cookie })).status, 401);
      assert.equal((await server.login(email)).status, 200);
      const audit = await server.send('GET', `/admin/audit?userId=${userId}&type=mfa.reset`, {
        cookie: admin.cookie,
      });
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.json.events[0].detail.actorUserId, adminId);
      assertProblem(
        await server.send('DELETE', '/admin/users/nobody/mfa', { cookie: admin.cookie }),
        404,
        'user_not_found',
      );
    });

    it('web UI without JavaScript: the sign-in form continues to a code page, which signs in', async () => {
      const { email, cookie } = await register(server);
      const { secret } = await enrolTotp(server, cookie);
      const form = (fields: Record<string, string>) => ({
        rawBody: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const signIn = await server.send('POST', '/login', form({ email, password: PASSWORD }));
      assert.equal(signIn.status, 200, signIn.text);
      assert.deepEqual(signIn.setCookies, []);
      assert.match(signIn.text, /action="\/login\/mfa"/);
      const mfaToken = /name="mfaToken" value="([^"]+)"/.exec(signIn.text)?.[1];
      assert.ok(mfaToken);
      const wrong = totp(secret, new Date(server.clock.now().getTime() + 300_000));
      const refused = await server.send('POST', '/login/mfa', form({ mfaToken, code: wrong }));
      assert.equal(refused.status, 401);
      assert.match(refused.text, /invalid_code/);
      const done = await server.send(
        'POST',
        '/login/mfa',
        form({ mfaToken, code: totp(secret, server.clock.now()) }),
      );
      assert.equal(done.status, 303, done.text);
      assert.equal(done.headers['location'], '/account');
      const session = sessionCookieFrom(done)!;
      assert.equal(
        (await server.send('GET', '/auth/me', { cookie: session })).json.session.amr.join(),
        'pwd,otp,mfa',
      );
      const csp = String(signIn.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
    });

    it('the second step follows the CSRF rules of login', async () => {
      const result = await server.send('POST', '/auth/login/mfa', {
        body: { mfaToken: 'a.b', code: '123456' },
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      assertProblem(result, 403, 'csrf_rejected');
    });

    it('jwt cookie mode: reauthentication re-issues the access cookie with the new auth_time', async () => {
      const jwt = await startTestServer({ TESSERA_COOKIE_MODE: 'jwt' });
      try {
        const email = uniqueEmail('mfa-jwt');
        const registered = await jwt.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
        const access = cookieFrom(registered, ACCESS_COOKIE)!;
        jwt.clock.advanceSeconds(601);
        const cookies = { [ACCESS_COOKIE]: access };
        assertProblem(
          await jwt.send('POST', '/auth/mfa/totp', { cookies }),
          403,
          'reauthentication_required',
        );
        const again = await jwt.send('POST', '/auth/reauthenticate', {
          cookies,
          body: { password: PASSWORD },
        });
        assert.equal(again.status, 200, again.text);
        const renewed = cookieFrom(again, ACCESS_COOKIE)!;
        assert.equal(payloadOf(renewed)['auth_time'], Math.floor(jwt.clock.now().getTime() / 1000));
        assert.equal(
          (await jwt.send('POST', '/auth/mfa/totp', { cookies: { [ACCESS_COOKIE]: renewed } })).status,
          200,
        );
      } finally {
        await jwt.close();
      }
    });
  });
}

describeDeployment('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mfa-'));
  return Promise.resolve({
    env: { TESSERA_DATA_DIR: dir },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

const skip = await servicesSkipReason();

describeDeployment('PostgreSQL + Redis', async () => {
  if (skip !== false) throw new Error(skip);
  const database = await createTestDatabase();
  const redis = createTestRedisPrefix();
  return {
    env: { DATABASE_URL: database.url, REDIS_URL, TESSERA_REDIS_PREFIX: redis.prefix },
    async cleanup() {
      await database.drop();
      await redis.cleanup();
    },
  };
});

describe('two instances on one PostgreSQL + Redis', { skip }, () => {
  let deployment: Deployment | undefined;
  let cleanup = (): Promise<void> => Promise.resolve();

  before(async () => {
    const database = await createTestDatabase();
    const redis = createTestRedisPrefix();
    cleanup = async () => {
      await database.drop();
      await redis.cleanup();
    };
    deployment = await startDeployment(
      { DATABASE_URL: database.url, REDIS_URL, TESSERA_REDIS_PREFIX: redis.prefix },
      2,
    );
  });
  after(async () => {
    await deployment?.close();
    await cleanup();
  });

  it('step one on one instance, step two on the other; the spent code and token are spent on both', async () => {
    const [a, b] = deployment!.servers as [TestServer, TestServer];
    const { email, cookie } = await register(a);
    const { secret } = await enrolTotp(a, cookie);
    b.clock.advanceSeconds(30);
    const first = await a.login(email);
    assertProblem(first, 401, 'mfa_required');
    const code = totp(secret, b.clock.now());
    const second = await b.send('POST', '/auth/login/mfa', { body: { mfaToken: first.json.mfaToken, code } });
    assert.equal(second.status, 200, second.text);
    assertProblem(
      await a.send('POST', '/auth/login/mfa', { body: { mfaToken: first.json.mfaToken, code } }),
      401,
      'invalid_token',
    );
    const retry = await b.login(email);
    assertProblem(
      await a.send('POST', '/auth/login/mfa', { body: { mfaToken: retry.json.mfaToken, code } }),
      401,
      'invalid_code',
    );
    // A reauthentication on one instance is seen by the other (its cached session is dropped).
    a.clock.advanceSeconds(601);
    b.clock.advanceSeconds(601);
    assertProblem(await b.send('POST', '/auth/mfa/totp', { cookie }), 403, 'reauthentication_required');
    assert.equal(
      (await a.send('POST', '/auth/reauthenticate', { cookie, body: { password: PASSWORD } })).status,
      200,
    );
    let seen = false;
    for (let i = 0; i < 200 && !seen; i += 1) {
      seen =
        (await b.send('GET', '/auth/me', { cookie })).json.session.authenticatedAt ===
        a.clock.now().toISOString();
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(seen, 'the other instance sees the new authenticatedAt');
    assert.equal((await b.send('POST', '/auth/mfa/totp', { cookie })).status, 200);
  });
});
