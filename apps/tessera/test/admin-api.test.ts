// The admin API (Contract B) over HTTP against a real server: who may call it, what each route
// does to the other proofs, and what it leaves in the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TesseraStore } from '@tessera/core';
import { readFeedEntry } from '@tessera/core/revocation';
import { createMemoryStore } from '@tessera/stores/memory';
import {
  ACCESS_COOKIE,
  cookieFrom,
  PASSWORD,
  REFRESH_COOKIE,
  sessionCookieFrom,
  startTestServer,
  uniqueEmail,
  type HttpResult,
  type TestServer,
} from './harness.js';

function assertProblem(result: HttpResult, status: number, code: string): void {
  assert.equal(result.status, status, result.text);
  assert.equal(result.headers['content-type'], 'application/problem+json');
  assert.equal(result.json.code, code, result.text);
}

/** Registers a user (session cookie) and returns its id and cookie. */
async function registerUser(server: TestServer, email = uniqueEmail()) {
  const result = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
  assert.equal(result.status, 201, result.text);
  return { id: result.json.user.id as string, email, cookie: sessionCookieFrom(result) ?? '' };
}

/** A registered user made admin through the store (what `tessera users set-roles` does). */
async function registerAdmin(server: TestServer) {
  const admin = await registerUser(server, uniqueEmail('admin'));
  await server.store.updateUserRoles(admin.id, ['admin']);
  return admin;
}

async function bearerLogin(server: TestServer, email: string) {
  const result = await server.send('POST', '/auth/login', {
    body: { email, password: PASSWORD, transport: 'bearer' },
  });
  assert.equal(result.status, 200, result.text);
  return { access: result.json.access_token as string, refresh: result.json.refresh_token as string };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('admin API: who may call it', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('answers 401 without credentials and 403 forbidden to a signed-in non-admin, with any proof', async () => {
    assertProblem(await server.send('GET', '/admin/users'), 401, 'unauthenticated');
    const user = await registerUser(server);
    assertProblem(await server.send('GET', '/admin/users', { cookie: user.cookie }), 403, 'forbidden');
    const { access } = await bearerLogin(server, user.email);
    assertProblem(await server.send('GET', '/admin/users', { bearer: access }), 403, 'forbidden');
    assertProblem(
      await server.send('POST', `/admin/users/${user.id}/disable`, { bearer: access }),
      403,
      'forbidden',
    );
    assert.equal((await server.store.getUserById(user.id))?.disabledAt, null);
  });

  it('a role that is not exactly "admin" is not enough', async () => {
    const user = await registerUser(server);
    await server.store.updateUserRoles(user.id, ['Admin', 'admins', 'support']);
    assertProblem(await server.send('GET', '/admin/users', { cookie: user.cookie }), 403, 'forbidden');
  });

  it('an admin whose role is taken away loses access on the next request, while signed in', async () => {
    const admin = await registerAdmin(server);
    const other = await registerAdmin(server);
    assert.equal((await server.send('GET', '/admin/users', { cookie: admin.cookie })).status, 200);
    const demoted = await server.send('PUT', `/admin/users/${admin.id}/roles`, {
      cookie: other.cookie,
      body: { roles: [] },
    });
    assert.equal(demoted.status, 200, demoted.text);
    assertProblem(await server.send('GET', '/admin/users', { cookie: admin.cookie }), 403, 'forbidden');
    // Still signed in: only the role is gone.
    assert.equal((await server.send('GET', '/auth/me', { cookie: admin.cookie })).status, 200);
  });

  it('refuses unsafe admin requests with cookies from another site (csrf_rejected), and changes nothing', async () => {
    const admin = await registerAdmin(server);
    const user = await registerUser(server);
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
      assertProblem(
        await server.send('POST', `/admin/users/${user.id}/disable`, { cookie: admin.cookie, headers }),
        403,
        'csrf_rejected',
      );
      assertProblem(
        await server.send('PUT', `/admin/users/${user.id}/roles`, {
          cookie: admin.cookie,
          headers,
          body: { roles: ['admin'] },
        }),
        403,
        'csrf_rejected',
      );
      assertProblem(
        await server.send('DELETE', `/admin/users/${user.id}/sessions`, { cookie: admin.cookie, headers }),
        403,
        'csrf_rejected',
      );
    }
    const stored = await server.store.getUserById(user.id);
    assert.ok(stored);
    assert.equal(stored.disabledAt, null);
    assert.deepEqual(stored.roles, []);
    assert.equal((await server.send('GET', '/auth/me', { cookie: user.cookie })).status, 200);
    // Same-origin browsers and non-browser clients pass.
    const sameOrigin = await server.send('POST', `/admin/users/${user.id}/disable`, {
      cookie: admin.cookie,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(sameOrigin.status, 200, sameOrigin.text);
  });
});

describe('admin API: users', () => {
  let server: TestServer;
  let admin: { id: string; email: string; cookie: string };
  before(async () => {
    server = await startTestServer();
    admin = await registerAdmin(server);
  });
  after(() => server.close());

  it('lists and searches users in pages with a cursor, with the AdminUser shape and no hash', async () => {
    const tag = `tag${Date.now()}`;
    const emails = ['carol', 'alice', 'bob', 'dave', 'erin'].map((name) => `${name}.${tag}@example.com`);
    for (const email of emails) await registerUser(server, email);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const query: string = `/admin/users?q=${tag.toUpperCase()}&limit=2${after === null ? '' : `&after=${after}`}`;
      const result = await server.send('GET', query, { cookie: admin.cookie });
      assert.equal(result.status, 200, result.text);
      for (const user of result.json.users) {
        assert.deepEqual(Object.keys(user).sort(), [
          'createdAt',
          'disabledAt',
          'email',
          'emailVerified',
          'id',
          'roles',
        ]);
        seen.push(user.email);
      }
      assert.ok(!result.text.includes('argon2'), 'no password hash');
      after = result.json.next;
      if (after === null) break;
    }
    assert.deepEqual(seen, [...emails].sort());
    const all = await server.send('GET', '/admin/users', { cookie: admin.cookie });
    assert.equal(all.status, 200);
    assert.ok(all.json.users.length >= 6);
  });

  it('answers 400 invalid_request for bad queries', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'limit=1.5',
      'after=%%%',
      'after=not a cursor',
      'q=a&q=b',
      'sort=email',
      `q=${'a'.repeat(5000)}`,
    ]) {
      assertProblem(
        await server.send('GET', `/admin/users?${query}`, { cookie: admin.cookie }),
        400,
        'invalid_request',
      );
    }
  });

  it('reads one user; an unknown id is 404 user_not_found on every user route', async () => {
    const user = await registerUser(server);
    const result = await server.send('GET', `/admin/users/${user.id}`, { cookie: admin.cookie });
    assert.equal(result.status, 200, result.text);
    assert.equal(result.json.user.email, user.email);
    assert.equal(result.json.user.disabledAt, null);
    const ghost = 'no-such-user-id';
    for (const [method, path, body] of [
      ['GET', `/admin/users/${ghost}`],
      ['POST', `/admin/users/${ghost}/disable`],
      ['POST', `/admin/users/${ghost}/enable`],
      ['PUT', `/admin/users/${ghost}/roles`, { roles: ['x'] }],
      ['GET', `/admin/users/${ghost}/sessions`],
      ['DELETE', `/admin/users/${ghost}/sessions`],
    ] as const) {
      assertProblem(
        await server.send(method, path, { cookie: admin.cookie, ...(body ? { body } : {}) }),
        404,
        'user_not_found',
      );
    }
  });

  it('set roles: 400 for a bad body; the next access token carries the new roles and no session is revoked', async () => {
    const user = await registerUser(server);
    const tokens = await bearerLogin(server, user.email);
    for (const body of [{}, { roles: 'admin' }, { roles: [1] }, { roles: [''] }, { roles: ['has space'] }]) {
      assertProblem(
        await server.send('PUT', `/admin/users/${user.id}/roles`, { cookie: admin.cookie, body }),
        400,
        'invalid_request',
      );
    }
    assertProblem(
      await server.send('PUT', `/admin/users/${user.id}/roles`, {
        cookie: admin.cookie,
        rawBody: '{"roles":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'invalid_request',
    );
    const before = await server.store.listUserSessions(user.id);
    const result = await server.send('PUT', `/admin/users/${user.id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['support', 'billing:read', 'support'] },
    });
    assert.equal(result.status, 200, result.text);
    assert.deepEqual(result.json.user.roles, ['support', 'billing:read']);
    // Sessions untouched: the cookie and the old access token still work.
    assert.deepEqual(
      (await server.store.listUserSessions(user.id)).map((s) => s.id),
      before.map((s) => s.id),
    );
    assert.equal((await server.send('GET', '/auth/me', { cookie: user.cookie })).status, 200);
    assert.equal((await server.send('GET', '/auth/me', { bearer: tokens.access })).status, 200);
    assert.deepEqual(claimsOf(tokens.access)['roles'], []);
    const refreshed = await server.send('POST', '/auth/refresh', { body: { refresh_token: tokens.refresh } });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.deepEqual(claimsOf(refreshed.json.access_token as string)['roles'], ['support', 'billing:read']);
  });
});

/**
 * A memory store whose next `parties` calls of `listEnabledUserIdsWithRole` wait for each other:
 * concurrent admin changes all pass the check before any of them writes (the worst interleaving),
 * every time rather than by chance.
 */
function storeWithAdminCheckBarrier(): TesseraStore & { arm(parties: number): void } {
  const store = createMemoryStore();
  let waiting: (() => void)[] = [];
  let parties = 0;
  return {
    ...store,
    arm(count: number) {
      parties = count;
    },
    async listEnabledUserIdsWithRole(role, limit) {
      if (parties > 0) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === parties) {
            for (const release of waiting) release();
            waiting = [];
            parties = 0;
          }
        });
      }
      return store.listEnabledUserIdsWithRole(role, limit);
    },
  };
}

describe('admin API: the last enabled administrator keeps the role (issue 11)', () => {
  let server: TestServer;
  let store: ReturnType<typeof storeWithAdminCheckBarrier>;
  before(async () => {
    store = storeWithAdminCheckBarrier();
    server = await startTestServer({}, { store });
  });
  after(() => server.close());

  const setRoles = (caller: { cookie: string }, id: string, roles: string[]) =>
    server.send('PUT', `/admin/users/${id}/roles`, { cookie: caller.cookie, body: { roles } });
  const disable = (caller: { cookie: string }, id: string) =>
    server.send('POST', `/admin/users/${id}/disable`, { cookie: caller.cookie });
  const enabledAdmins = () => server.store.listEnabledUserIdsWithRole('admin', 10);

  it('refuses to demote or disable the last one with 409 last_admin, and changes nothing', async () => {
    const ann = await registerAdmin(server);
    // Neither a disabled administrator nor a look-alike role counts.
    const gone = await registerAdmin(server);
    await server.store.updateUserDisabledAt(gone.id, new Date());
    const lookAlike = await registerUser(server);
    await server.store.updateUserRoles(lookAlike.id, ['Admin']);

    for (const roles of [[], ['support']])
      assertProblem(await setRoles(ann, ann.id, roles), 409, 'last_admin');
    assertProblem(await disable(ann, ann.id), 409, 'last_admin');
    assert.deepEqual(await enabledAdmins(), [ann.id]);
    assert.equal((await server.store.getUserById(ann.id))?.disabledAt, null);
    assert.equal(
      (await server.send('GET', '/auth/me', { cookie: ann.cookie })).status,
      200,
      'not signed out',
    );
    // Changes that keep the role, and changes to others, go through.
    assert.equal((await setRoles(ann, ann.id, ['admin', 'support'])).status, 200);
    assert.equal((await disable(ann, lookAlike.id)).status, 200);

    // With a second administrator, either may step down; then the other is the last one.
    const bob = await registerUser(server);
    assert.equal((await setRoles(ann, bob.id, ['admin'])).status, 200);
    assert.equal((await setRoles(ann, ann.id, [])).status, 200);
    assertProblem(await disable(bob, bob.id), 409, 'last_admin');
    assert.deepEqual(await enabledAdmins(), [bob.id]);
    await server.store.updateUserRoles(ann.id, []);
  });

  it('two concurrent changes that each take one of the last two away: never both (race)', async () => {
    for (const [name, change] of [
      ['demote each other', (caller: { cookie: string }, id: string) => setRoles(caller, id, [])],
      ['disable each other', disable],
    ] as const) {
      const ann = await registerAdmin(server);
      const bob = await registerAdmin(server);
      for (const other of await enabledAdmins()) {
        if (other !== ann.id && other !== bob.id) await server.store.updateUserRoles(other, []);
      }
      store.arm(2);
      const results = await Promise.all([change(ann, bob.id), change(bob, ann.id)]);
      for (const result of results) {
        if (result.status !== 200) assertProblem(result, 409, 'last_admin');
      }
      const remaining = await enabledAdmins();
      assert.ok(remaining.length >= 1, `${name}: an enabled administrator remains`);
      assert.equal(
        remaining.length,
        2 - results.filter((result) => result.status === 200).length,
        `${name}: a refused change was undone`,
      );
      for (const id of [ann.id, bob.id]) {
        await server.store.updateUserRoles(id, []);
        await server.store.updateUserDisabledAt(id, null);
      }
    }
  });
});

for (const cookieMode of ['session', 'jwt'] as const) {
  describe(`admin API: disable and enable (TESSERA_COOKIE_MODE=${cookieMode})`, () => {
    let server: TestServer;
    let admin: { id: string; cookie: string; access: string };
    before(async () => {
      server = await startTestServer({ TESSERA_COOKIE_MODE: cookieMode });
      const email = uniqueEmail('admin');
      const registered = await server.send('POST', '/auth/register', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      assert.equal(registered.status, 201, registered.text);
      const id = registered.json.user.id as string;
      await server.store.updateUserRoles(id, ['admin']);
      admin = { id, cookie: '', access: registered.json.access_token as string };
    });
    after(() => server.close());

    it('disable refuses every proof of the user at once and login; enable lets them sign in again', async () => {
      const email = uniqueEmail();
      const browser = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
      assert.equal(browser.status, 201, browser.text);
      const userId = browser.json.user.id as string;
      const cookies: Record<string, string> =
        cookieMode === 'session'
          ? { '__Host-tessera-session': sessionCookieFrom(browser) ?? '' }
          : {
              [ACCESS_COOKIE]: cookieFrom(browser, ACCESS_COOKIE) ?? '',
              [REFRESH_COOKIE]: cookieFrom(browser, REFRESH_COOKIE) ?? '',
            };
      const bearer = await bearerLogin(server, email);
      assert.equal((await server.send('GET', '/auth/me', { cookies })).status, 200);
      assert.equal((await server.send('GET', '/auth/me', { bearer: bearer.access })).status, 200);

      const disabled = await server.send('POST', `/admin/users/${userId}/disable`, { bearer: admin.access });
      assert.equal(disabled.status, 200, disabled.text);
      assert.match(disabled.json.user.disabledAt, /^\d{4}-\d{2}-\d{2}T/);

      assert.equal((await server.send('GET', '/auth/me', { cookies })).status, 401);
      const bearerMe = await server.send('GET', '/auth/me', { bearer: bearer.access });
      assertProblem(bearerMe, 401, 'session_revoked');
      assertProblem(
        await server.send('POST', '/auth/refresh', { body: { refresh_token: bearer.refresh } }),
        401,
        'invalid_token',
      );
      assertProblem(await server.login(email), 401, 'invalid_credentials');
      assert.deepEqual(await server.store.listUserSessions(userId), []);

      const enabled = await server.send('POST', `/admin/users/${userId}/enable`, { bearer: admin.access });
      assert.equal(enabled.status, 200, enabled.text);
      assert.equal(enabled.json.user.disabledAt, null);
      assert.equal((await server.login(email)).status, 200);
      // Old proofs stay dead: enabling does not bring sessions back.
      assertProblem(await server.send('GET', '/auth/me', { bearer: bearer.access }), 401, 'session_revoked');

      const audit = await server.send('GET', `/admin/audit?userId=${userId}&limit=200`, {
        bearer: admin.access,
      });
      assert.equal(audit.status, 200, audit.text);
      const types = (audit.json.events as { type: string; detail: Record<string, unknown> }[]).map(
        (event) => event.type,
      );
      assert.ok(types.includes('user.disabled') && types.includes('user.enabled'), types.join());
      for (const event of audit.json.events as { type: string; detail: Record<string, unknown> }[]) {
        if (event.type === 'user.disabled' || event.type === 'user.enabled') {
          assert.equal(event.detail['actorUserId'], admin.id);
          assert.equal(event.detail['via'], 'admin-api');
        }
        if (event.type === 'session.revoked') assert.equal(event.detail['reason'], 'user-disabled');
      }
    });
  });
}

describe('admin API: sessions and audit', () => {
  let server: TestServer;
  let admin: { id: string; email: string; cookie: string };
  before(async () => {
    server = await startTestServer();
    admin = await registerAdmin(server);
  });
  after(() => server.close());

  it('lists a user’s sessions and revokes one, then all; an unknown session is 404 session_not_found', async () => {
    const user = await registerUser(server);
    const second = await bearerLogin(server, user.email);
    const listed = await server.send('GET', `/admin/users/${user.id}/sessions`, { cookie: admin.cookie });
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.sessions.length, 2);
    for (const session of listed.json.sessions) {
      assert.deepEqual(Object.keys(session).sort(), [
        'createdAt',
        'expiresAt',
        'id',
        'ip',
        'lastSeenAt',
        'transport',
        'userAgent',
      ]);
    }
    const bearerSession = (listed.json.sessions as { id: string; transport: string }[]).find(
      (session) => session.transport === 'bearer',
    );
    assert.ok(bearerSession);
    const revoked = await server.send('DELETE', `/admin/sessions/${bearerSession.id}`, {
      cookie: admin.cookie,
    });
    assert.equal(revoked.status, 204, revoked.text);
    assertProblem(await server.send('GET', '/auth/me', { bearer: second.access }), 401, 'session_revoked');
    assert.equal((await server.send('GET', '/auth/me', { cookie: user.cookie })).status, 200);
    assertProblem(
      await server.send('DELETE', `/admin/sessions/${bearerSession.id}`, { cookie: admin.cookie }),
      404,
      'session_not_found',
    );
    const all = await server.send('DELETE', `/admin/users/${user.id}/sessions`, { cookie: admin.cookie });
    assert.equal(all.status, 204, all.text);
    assert.equal((await server.send('GET', '/auth/me', { cookie: user.cookie })).status, 401);
    const after = await server.send('GET', `/admin/users/${user.id}/sessions`, { cookie: admin.cookie });
    assert.deepEqual(after.json.sessions, []);
    // The admin's own session is untouched.
    assert.equal((await server.send('GET', '/auth/me', { cookie: admin.cookie })).status, 200);

    const audit = await server.send('GET', `/admin/audit?userId=${user.id}&type=session.revoked`, {
      cookie: admin.cookie,
    });
    assert.equal(audit.status, 200, audit.text);
    assert.equal(audit.json.events.length, 2);
    for (const event of audit.json.events) {
      assert.equal(event.detail.reason, 'admin');
      assert.equal(event.detail.actorUserId, admin.id);
    }
  });

  it('reads the audit log newest first in pages with before/next; bad filters are 400', async () => {
    const user = await registerUser(server);
    await server.send('POST', `/admin/users/${user.id}/disable`, { cookie: admin.cookie });
    server.clock.advanceSeconds(1);
    await server.send('POST', `/admin/users/${user.id}/enable`, { cookie: admin.cookie });
    server.clock.advanceSeconds(1);
    await server.send('PUT', `/admin/users/${user.id}/roles`, {
      cookie: admin.cookie,
      body: { roles: ['x'] },
    });
    const first = await server.send('GET', `/admin/audit?userId=${user.id}&limit=2`, {
      cookie: admin.cookie,
    });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(
      first.json.events.map((event: { type: string }) => event.type),
      ['user.roles_changed', 'user.enabled'],
    );
    assert.equal(first.json.events[0].detail.to, 'x');
    assert.equal(typeof first.json.next, 'string');
    const second = await server.send(
      'GET',
      `/admin/audit?userId=${user.id}&limit=2&before=${encodeURIComponent(first.json.next as string)}`,
      { cookie: admin.cookie },
    );
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.events[0].type, 'user.disabled');
    assert.ok(!second.text.includes('argon2'));
    for (const query of [
      'limit=0',
      'limit=201',
      'type=nope',
      'before=yesterday',
      'before=2030-13-01T00:00:00Z',
      'userId=a/b',
      'x=1',
    ]) {
      assertProblem(
        await server.send('GET', `/admin/audit?${query}`, { cookie: admin.cookie }),
        400,
        'invalid_request',
      );
    }
  });
});

// Issue 11 (12e): every instance caches users (30 s); each change an administrator makes is pushed
// through the revocation feed so that every instance drops the user at once.
describe('admin API: user changes are pushed to every instance', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('a role change, a disable and an enable each append a user-changed entry to the feed', async () => {
    const admin = await registerAdmin(server);
    const user = await registerUser(server);
    const changesOf = async (userId: string) =>
      (await server.store.listRevocations(null, server.clock.now(), 1000))
        .map((entry) => readFeedEntry(entry))
        .filter((entry) => entry.kind === 'user-changed' && entry.userId === userId).length;

    const steps: [string, string, unknown][] = [
      ['PUT', `/admin/users/${user.id}/roles`, { roles: ['support'] }],
      ['POST', `/admin/users/${user.id}/disable`, undefined],
      ['POST', `/admin/users/${user.id}/enable`, undefined],
    ];
    for (const [index, [method, path, body]] of steps.entries()) {
      const result = await server.send(method, path, { cookie: admin.cookie, ...(body ? { body } : {}) });
      assert.equal(result.status, 200, `${method} ${path}: ${result.text}`);
      assert.equal(await changesOf(user.id), index + 1, `${method} ${path} pushed the change`);
    }
  });
});
