// Passkeys over HTTP (DESIGN §9), tested from the outside with a software authenticator that builds
// real WebAuthn answers: two instances on one store, so a challenge issued by one is answered at the
// other, on SQLite and on PostgreSQL + Redis.
import { silentLogger } from '@tessera/core';
import type { TesseraStore } from '@tessera/core/store';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig, type Environment } from '../src/load-config.js';
import { openStore } from '../src/open-store.js';
import {
  PASSWORD,
  sessionCookieFrom,
  startTestServer,
  TEST_SECRET,
  uniqueEmail,
  type TestServer,
} from './harness.js';
import { runTessera } from './cli-harness.js';
import { createTestDatabase, createTestRedisPrefix, REDIS_URL, servicesSkipReason } from './services.js';
import { SoftwareAuthenticator, type AnswerOverrides } from './software-authenticator.js';

const PUBLIC_URL = 'https://auth.example.test';
const RP_ID = 'auth.example.test';
/** What a browser on the server's own page sends with each request. */
const SAME_ORIGIN = { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' };

interface Backend {
  name: string;
  skip: string | false | Promise<string | false>;
  /** The environment of both instances, and what to clean up afterwards. */
  prepare(): Promise<{ env: Environment; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'tessera-passkeys-'));
      return Promise.resolve({
        env: { TESSERA_DATA_DIR: dataDir },
        cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
  {
    name: 'PostgreSQL + Redis',
    skip: servicesSkipReason(),
    async prepare() {
      const database = await createTestDatabase();
      const redis = createTestRedisPrefix();
      const dataDir = mkdtempSync(join(tmpdir(), 'tessera-passkeys-'));
      return {
        env: {
          DATABASE_URL: database.url,
          REDIS_URL,
          TESSERA_REDIS_PREFIX: redis.prefix,
          TESSERA_DATA_DIR: dataDir,
        },
        async cleanup() {
          await database.drop();
          await redis.cleanup();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`passkeys over HTTP on ${backend.name}`, { skip: await backend.skip }, () => {
    let a: TestServer;
    let b: TestServer;
    const stores: TesseraStore[] = [];
    let cleanup: () => Promise<void> = () => Promise.resolve();
    let serverEnv: Record<string, string> = {};

    before(async () => {
      const prepared = await backend.prepare();
      cleanup = () => prepared.cleanup();
      const env: Environment = {
        ...prepared.env,
        TESSERA_PUBLIC_URL: PUBLIC_URL,
        TESSERA_SECRET: TEST_SECRET,
      };
      serverEnv = Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      for (let i = 0; i < 2; i += 1) {
        stores.push(await openStore(loadConfig({ ...env, PORT: '0' }), silentLogger));
      }
      a = await startTestServer(env, { store: stores[0]! });
      b = await startTestServer(env, { store: stores[1]! });
    });

    after(async () => {
      await a.close();
      await b.close();
      for (const store of stores) await store.close().catch(() => undefined);
      await cleanup();
    });

    async function signUp(server: TestServer = a) {
      const email = uniqueEmail('passkey');
      const result = await server.send('POST', '/auth/register', {
        body: { email, password: PASSWORD },
        headers: SAME_ORIGIN,
      });
      assert.equal(result.status, 201, result.text);
      return { email, cookie: sessionCookieFrom(result)!, userId: result.json.user.id as string };
    }

    async function registerPasskey(
      cookie: string,
      authenticator: SoftwareAuthenticator,
      overrides: AnswerOverrides = {},
      name?: string,
    ) {
      const options = await a.send('POST', '/auth/passkeys/register/options', {
        cookie,
        headers: SAME_ORIGIN,
      });
      assert.equal(options.status, 200, options.text);
      const response = authenticator.create(options.json, overrides);
      return b.send('POST', '/auth/passkeys/register', {
        cookie,
        headers: SAME_ORIGIN,
        body: name === undefined ? { response } : { response, name },
      });
    }

    async function loginOptions() {
      const options = await b.send('POST', '/auth/passkeys/login/options', { headers: SAME_ORIGIN });
      assert.equal(options.status, 200, options.text);
      return options.json;
    }

    function login(response: unknown, transport?: string) {
      return a.send('POST', '/auth/passkeys/login', {
        headers: SAME_ORIGIN,
        body: transport === undefined ? { response } : { response, transport },
      });
    }

    it('registers a passkey, lists it, and signs in with it on the other instance', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      const options = await a.send('POST', '/auth/passkeys/register/options', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
      });
      assert.equal(options.status, 200);
      assert.equal(options.json.rp.id, RP_ID);
      assert.equal(options.json.attestation, 'none');
      assert.equal(options.json.authenticatorSelection.residentKey, 'required');
      assert.equal(options.json.authenticatorSelection.userVerification, 'required');
      assert.equal(options.json.user.id, Buffer.from(user.userId).toString('base64url'));
      assert.deepEqual(options.json.excludeCredentials, []);
      assert.match(options.json.challenge, /^[A-Za-z0-9_-]{43}$/);

      const registered = await b.send('POST', '/auth/passkeys/register', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
        body: { response: authenticator.create(options.json), name: '  Laptop  ' },
      });
      assert.equal(registered.status, 201, registered.text);
      assert.deepEqual(Object.keys(registered.json.passkey).sort(), [
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
      ]);
      assert.equal(registered.json.passkey.name, 'Laptop');
      assert.equal(registered.json.passkey.lastUsedAt, null);

      const listed = await a.send('GET', '/auth/passkeys', { cookie: user.cookie });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json, { passkeys: [registered.json.passkey] });

      // The next registration excludes it.
      const again = await a.send('POST', '/auth/passkeys/register/options', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
      });
      assert.deepEqual(
        again.json.excludeCredentials.map((credential: { id: string }) => credential.id),
        [authenticator.credentials[0]!.id.toString('base64url')],
      );

      const requestOptions = await loginOptions();
      assert.equal(requestOptions.rpId, RP_ID);
      assert.equal(requestOptions.userVerification, 'required');
      assert.equal(requestOptions.allowCredentials, undefined);
      const signedIn = await login(authenticator.get(requestOptions));
      assert.equal(signedIn.status, 200, signedIn.text);
      assert.deepEqual(Object.keys(signedIn.json).sort(), ['session', 'user']);
      assert.equal(signedIn.json.user.id, user.userId);
      assert.equal(signedIn.json.session.transport, 'cookie');
      const cookie = sessionCookieFrom(signedIn)!;
      const me = await b.send('GET', '/auth/me', { cookie });
      assert.equal(me.status, 200);
      assert.equal(me.json.user.email, user.email);

      const used = await b.send('GET', '/auth/passkeys', { cookie });
      assert.notEqual(used.json.passkeys[0].lastUsedAt, null);
    });

    it('signs in with bearer tokens, and with a synced passkey that keeps no counter, again and again', async () => {
      const user = await signUp();
      const synced = new SoftwareAuthenticator(PUBLIC_URL, false);
      assert.equal((await registerPasskey(user.cookie, synced)).status, 201);
      for (let i = 0; i < 2; i += 1) {
        const signedIn = await login(synced.get(await loginOptions()), 'bearer');
        assert.equal(signedIn.status, 200, signedIn.text);
        assert.equal(signedIn.json.token_type, 'Bearer');
        assert.equal(signedIn.json.session.transport, 'bearer');
        assert.equal(signedIn.setCookies.length, 0);
        const me = await b.send('GET', '/auth/me', { bearer: signedIn.json.access_token });
        assert.equal(me.status, 200);
      }
    });

    it('refuses registrations from another origin, for another RP ID, without user verification, or on another user’s challenge', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      const refusals: AnswerOverrides[] = [
        { origin: 'https://evil.example' },
        { rpId: 'evil.example' },
        { userVerified: false },
        { type: 'webauthn.get' },
      ];
      for (const overrides of refusals) {
        const result = await registerPasskey(user.cookie, authenticator, overrides);
        assert.equal(result.status, 401, JSON.stringify(overrides));
        assert.equal(result.json.code, 'invalid_credentials');
      }
      // A registration challenge is bound to the user it was issued to.
      const other = await signUp();
      const options = await a.send('POST', '/auth/passkeys/register/options', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
      });
      const stolen = await b.send('POST', '/auth/passkeys/register', {
        cookie: other.cookie,
        headers: SAME_ORIGIN,
        body: { response: authenticator.create(options.json) },
      });
      assert.equal(stolen.status, 401);
      assert.equal(stolen.json.code, 'invalid_credentials');
      assert.deepEqual((await a.send('GET', '/auth/passkeys', { cookie: user.cookie })).json, {
        passkeys: [],
      });
      assert.deepEqual((await a.send('GET', '/auth/passkeys', { cookie: other.cookie })).json, {
        passkeys: [],
      });
    });

    it('refuses sign-ins from another origin, for another RP ID, without user verification, or with a bad signature', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      assert.equal((await registerPasskey(user.cookie, authenticator)).status, 201);
      const refusals: AnswerOverrides[] = [
        { origin: 'https://evil.example' },
        { origin: 'http://auth.example.test' },
        { rpId: 'evil.example' },
        { userVerified: false },
        { type: 'webauthn.create' },
      ];
      for (const overrides of refusals) {
        const result = await login(authenticator.get(await loginOptions(), overrides));
        assert.equal(result.status, 401, JSON.stringify(overrides));
        assert.equal(result.json.code, 'invalid_credentials');
        assert.equal(result.setCookies.length, 0);
      }
      // A signature over other data: the last byte of the authenticator data flipped after signing.
      const answer = authenticator.get(await loginOptions()) as { response: { authenticatorData: string } };
      const data = Buffer.from(answer.response.authenticatorData, 'base64url');
      data[data.length - 1]! ^= 1;
      answer.response.authenticatorData = data.toString('base64url');
      const forged = await login(answer);
      assert.equal(forged.status, 401);
      assert.equal(forged.json.code, 'invalid_credentials');
      // The passkey still works: none of the refusals changed it.
      assert.equal((await login(authenticator.get(await loginOptions()))).status, 200);

      // Each refusal is audited with its reason, and counted.
      const failures = await a.store.listAuditEvents({
        userId: user.userId,
        type: 'passkey.login_failed',
        before: null,
        limit: 10,
      });
      assert.equal(failures.length, refusals.length + 1);
      assert.ok(failures.every((event) => event.detail['reason'] === 'verification'));
      const succeeded = await a.store.listAuditEvents({
        userId: user.userId,
        type: 'login.succeeded',
        before: null,
        limit: 1,
      });
      assert.equal(succeeded[0]?.detail['method'], 'passkey');
      const metrics = await a.send('GET', '/metrics');
      const failed =
        /^tessera_passkey_ceremonies_total\{ceremony="authentication",outcome="failure"\} (\d+)$/m.exec(
          metrics.text,
        );
      assert.ok(Number(failed?.[1]) >= refusals.length + 1, 'refused sign-ins are counted');
    });

    it('uses each challenge once: a replayed answer and a second answer to the same challenge are refused', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      assert.equal((await registerPasskey(user.cookie, authenticator)).status, 201);
      const options = await loginOptions();
      const answer = authenticator.get(options);
      assert.equal((await login(answer)).status, 200);
      const replayed = await b.send('POST', '/auth/passkeys/login', {
        headers: SAME_ORIGIN,
        body: { response: answer },
      });
      assert.equal(replayed.status, 401);
      assert.equal(replayed.json.code, 'invalid_credentials');
      const secondAnswer = await login(authenticator.get(options));
      assert.equal(secondAnswer.status, 401);
      // A challenge the server never issued.
      const invented = await login(
        authenticator.get({ ...options, challenge: Buffer.alloc(32, 7).toString('base64url') }),
      );
      assert.equal(invented.status, 401);
      // A refused answer uses up its challenge too.
      const wrongOptions = await loginOptions();
      assert.equal((await login(authenticator.get(wrongOptions, { userVerified: false }))).status, 401);
      assert.equal((await login(authenticator.get(wrongOptions))).status, 401);
    });

    it('a challenge lives 300 seconds', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      assert.equal((await registerPasskey(user.cookie, authenticator)).status, 201);
      const options = await loginOptions();
      a.clock.advanceSeconds(300);
      const late = await login(authenticator.get(options));
      assert.equal(late.status, 401);
      assert.equal(late.json.code, 'invalid_credentials');
      const fresh = await loginOptions();
      a.clock.advanceSeconds(-300);
      assert.equal((await login(authenticator.get(fresh))).status, 200);
    });

    it('refuses a counter that went backwards or did not move (a cloned authenticator)', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      assert.equal((await registerPasskey(user.cookie, authenticator)).status, 201);
      assert.equal((await login(authenticator.get(await loginOptions(), { signCount: 10 }))).status, 200);
      for (const signCount of [9, 10, 0]) {
        const result = await login(authenticator.get(await loginOptions(), { signCount }));
        assert.equal(result.status, 401, `counter ${signCount}`);
        assert.equal(result.json.code, 'invalid_credentials');
      }
      assert.equal((await login(authenticator.get(await loginOptions(), { signCount: 11 }))).status, 200);
    });

    it('renames and removes only one’s own passkeys; a removed passkey cannot sign in', async () => {
      const owner = await signUp();
      const stranger = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      const registered = await registerPasskey(owner.cookie, authenticator);
      const id = registered.json.passkey.id as string;
      assert.equal(registered.json.passkey.name, 'Passkey');

      const stolenRename = await a.send('POST', `/auth/passkeys/${id}`, {
        cookie: stranger.cookie,
        headers: SAME_ORIGIN,
        body: { name: 'Mine' },
      });
      assert.equal(stolenRename.status, 404);
      assert.equal(stolenRename.json.code, 'not_found');
      const stolenDelete = await a.send('DELETE', `/auth/passkeys/${id}`, {
        cookie: stranger.cookie,
        headers: SAME_ORIGIN,
      });
      assert.equal(stolenDelete.status, 404);
      assert.equal(stolenDelete.json.code, 'not_found');

      const renamed = await b.send('POST', `/auth/passkeys/${id}`, {
        cookie: owner.cookie,
        headers: SAME_ORIGIN,
        body: { name: 'Phone' },
      });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json.passkey.name, 'Phone');

      const removed = await b.send('DELETE', `/auth/passkeys/${id}`, {
        cookie: owner.cookie,
        headers: SAME_ORIGIN,
      });
      assert.equal(removed.status, 204);
      assert.equal(
        (await a.send('DELETE', `/auth/passkeys/${id}`, { cookie: owner.cookie, headers: SAME_ORIGIN }))
          .status,
        404,
      );
      assert.deepEqual((await a.send('GET', '/auth/passkeys', { cookie: owner.cookie })).json, {
        passkeys: [],
      });
      const refused = await login(authenticator.get(await loginOptions()));
      assert.equal(refused.status, 401);
      assert.equal(refused.json.code, 'invalid_credentials');
    });

    it('needs a session to register, list, rename or remove; sign-in is refused cross-site', async () => {
      for (const [method, path] of [
        ['POST', '/auth/passkeys/register/options'],
        ['POST', '/auth/passkeys/register'],
        ['GET', '/auth/passkeys'],
        ['POST', '/auth/passkeys/abc'],
        ['DELETE', '/auth/passkeys/abc'],
      ] as const) {
        const result = await a.send(method, path, { body: {} });
        assert.equal(result.status, 401, `${method} ${path}`);
      }
      for (const path of ['/auth/passkeys/login/options', '/auth/passkeys/login']) {
        const result = await a.send('POST', path, {
          headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
          body: {},
        });
        assert.equal(result.status, 403, path);
        assert.equal(result.json.code, 'csrf_rejected');
      }
    });

    it('the admin API and the CLI list a user’s passkeys, never their key material', async () => {
      const user = await signUp();
      const admin = await signUp();
      await a.store.updateUserRoles(admin.userId, ['admin']);
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL, false);
      const registered = await registerPasskey(user.cookie, authenticator, {}, 'Phone');
      assert.equal(registered.status, 201);
      const listed = await b.send('GET', `/admin/users/${user.userId}/passkeys`, { cookie: admin.cookie });
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.json, {
        passkeys: [
          {
            ...registered.json.passkey,
            deviceType: 'multiDevice',
            backedUp: true,
            transports: ['internal'],
          },
        ],
      });
      const credentialId = authenticator.credentials[0]!.id.toString('base64url');
      assert.ok(!listed.text.includes(credentialId));
      const refused = await b.send('GET', `/admin/users/${user.userId}/passkeys`, { cookie: user.cookie });
      assert.equal(refused.status, 403);
      const missing = await b.send('GET', '/admin/users/nobody/passkeys', { cookie: admin.cookie });
      assert.equal(missing.status, 404);
      assert.equal(missing.json.code, 'user_not_found');

      const cli = await runTessera(['passkeys', 'list', '--user', user.email], serverEnv);
      assert.equal(cli.code, 0, cli.err);
      assert.match(cli.out, new RegExp(`${registered.json.passkey.id as string}\\s+Phone\\s`));
      assert.match(cli.out, /synced/);
      assert.ok(!cli.out.includes(credentialId));
    });

    it('answers malformed bodies with 400 invalid_request, never 5xx', async () => {
      const user = await signUp();
      const authenticator = new SoftwareAuthenticator(PUBLIC_URL);
      authenticator.create({
        challenge: 'x'.repeat(43),
        rp: { id: RP_ID, name: 'Tessera' },
        user: { id: 'dXNlcg', name: 'user' },
      });
      const good = authenticator.get({ challenge: 'x'.repeat(43), rpId: RP_ID });
      const inner = good['response'] as Record<string, unknown>;
      const bodies: unknown[] = [
        {},
        { response: null },
        { response: 'text' },
        { response: [] },
        { response: { ...good, id: 42 } },
        { response: { ...good, id: 'not base64url!' } },
        { response: { ...good, rawId: 'other' } },
        { response: { ...good, type: 'password' } },
        { response: { ...good, response: null } },
        { response: { ...good, response: { ...inner, signature: 7 } } },
        { response: { ...good, response: { ...inner, clientDataJSON: '' } } },
        { response: { ...good, response: { ...inner, userHandle: {} } } },
        { response: good, transport: 'carrier-pigeon' },
      ];
      for (const body of bodies) {
        const direct = await a.send('POST', '/auth/passkeys/login', { headers: SAME_ORIGIN, body });
        assert.equal(direct.status, 400, JSON.stringify(body).slice(0, 80));
        assert.equal(direct.json.code, 'invalid_request');
      }
      // Well-formed base64url that is not what it claims to be: verified, refused as credentials.
      const garbage = {
        ...good,
        response: { ...inner, clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
      };
      assert.equal((await login(garbage)).status, 401);
      const badTransports = await a.send('POST', '/auth/passkeys/register', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
        body: {
          response: {
            ...good,
            response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA', transports: ['usb\u0000'] },
          },
        },
      });
      assert.equal(badTransports.status, 400);
      for (const name of ['', '   ', 'a'.repeat(65), 'two\nlines', 42]) {
        const registerBody = {
          response: { ...good, response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } },
          name,
        };
        const result = await a.send('POST', '/auth/passkeys/register', {
          cookie: user.cookie,
          headers: SAME_ORIGIN,
          body: registerBody,
        });
        assert.equal(result.status, 400, JSON.stringify(name));
      }
      const garbageRegistration = await a.send('POST', '/auth/passkeys/register', {
        cookie: user.cookie,
        headers: SAME_ORIGIN,
        body: { response: { ...good, response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } } },
      });
      assert.equal(garbageRegistration.status, 401);
    });
  });
}

describe('passkeys with an IP address as public URL', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ TESSERA_PUBLIC_URL: 'http://127.0.0.1:3000' });
  });
  after(() => server.close());

  it('are off: the ceremonies answer 404 passkeys_disabled, and the list still answers', async () => {
    const cookie = await server.register(uniqueEmail('ip'));
    const options = await server.send('POST', '/auth/passkeys/register/options', { cookie });
    assert.equal(options.status, 404);
    assert.equal(options.json.code, 'passkeys_disabled');
    assert.match(options.json.detail, /TESSERA_PUBLIC_URL/);
    const login = await server.send('POST', '/auth/passkeys/login/options');
    assert.equal(login.status, 404);
    assert.equal(login.json.code, 'passkeys_disabled');
    assert.deepEqual((await server.send('GET', '/auth/passkeys', { cookie })).json, { passkeys: [] });
  });
});
