// The router in process, with the fake clock and the memory store: matching, HEAD, 405 + Allow,
// the CSRF flag, the caller rules and the problem answers, without a server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMemoryStore } from '@tessera/stores/memory';
import { fastHasher, PASSWORD, TestClock } from '../../../../../test/support/test-kit.js';
import type { TesseraDeps } from '../../account/tessera-deps.js';
import { createTesseraDeps } from '../../create-tessera-deps.js';
import type { Logger } from '../../logger.js';
import { parseServerSecrets } from '../../secret/server-secrets.js';
import { hostOnlyAuthCookies } from '../auth-cookies.js';
import type { AuthRequest, AuthResponse } from '../auth-request.js';
import { createAuthHandler } from '../create-auth-handler.js';
import { createRevocationStreams } from '../revocation-stream.js';
import { createRouter } from './create-router.js';
import { MethodNotAllowedError } from '../../errors.js';
import type { AuthHandler, PageRoute, Route, RouteContext, RouteTable } from './route.js';

const OWN = 'https://auth.example.com';
const openapi = { operationId: 'test', summary: 'test', tags: [], responses: {} };

function request(method: string, path: string, headers: Record<string, string> = {}, body = ''): AuthRequest {
  return {
    method,
    path,
    headers: { host: 'auth.example.com', ...headers },
    body: new TextEncoder().encode(body),
    peerAddress: '127.0.0.1',
    signal: new AbortController().signal,
  };
}

function echo(
  name: string,
): (context: { params: Readonly<Record<string, string>> }) => Promise<AuthResponse> {
  return (context) =>
    Promise.resolve({
      status: 200,
      headers: [['content-type', 'application/json; charset=utf-8']],
      body: JSON.stringify({ route: name, params: context.params }),
    });
}

/** The contexts `GET /t/context` was called with. */
const seenContexts: RouteContext[] = [];

const testRoutes: Route[] = [
  {
    method: 'GET',
    path: '/t/context',
    caller: 'anyone',
    openapi,
    handle: (context) => {
      seenContexts.push(context);
      return Promise.resolve({ status: 204, headers: [], body: null });
    },
  },
  { method: 'GET', path: '/t/items', caller: 'anyone', openapi, handle: echo('list') },
  { method: 'POST', path: '/t/items', caller: 'anyone', openapi, handle: echo('create') },
  { method: 'GET', path: '/t/items/:id', caller: 'anyone', openapi, handle: echo('get') },
  { method: 'DELETE', path: '/t/items/:id', caller: 'anyone', openapi, handle: echo('delete') },
  { method: 'PUT', path: '/t/items/:id/tags/:tag', caller: 'anyone', openapi, handle: echo('tag') },
  {
    method: 'POST',
    path: '/t/login-like',
    caller: 'anyone',
    csrfWithoutCookies: true,
    openapi,
    handle: echo('login-like'),
  },
  {
    method: 'GET',
    path: '/t/mine',
    caller: 'signed-in',
    openapi,
    handle: (_context, caller) =>
      Promise.resolve({ status: 200, headers: [], body: JSON.stringify({ userId: caller.auth.user.id }) }),
  },
  {
    method: 'GET',
    path: '/t/admin',
    caller: 'admin',
    openapi,
    handle: (_context, actor) =>
      Promise.resolve({ status: 200, headers: [], body: JSON.stringify({ actor: actor.userId }) }),
  },
  {
    method: 'GET',
    path: '/t/bug',
    caller: 'anyone',
    openapi,
    handle: () => Promise.reject(new Error('a bug')),
  },
  ...(['GET', 'POST'] as const).map((method): PageRoute => ({
    method,
    path: '/t/page',
    caller: 'anyone',
    csrfWithoutCookies: true,
    handle: (context) =>
      method === 'GET'
        ? Promise.resolve({ status: 200, headers: [['content-type', 'text/html']], body: '<p>page</p>' })
        : Promise.reject(new Error(`a bug on ${context.request.path}`)),
    errorPage: (_request, error) => ({
      status: error instanceof MethodNotAllowedError ? 405 : 418,
      headers: [
        ['content-type', 'text/html'],
        ['content-security-policy', "default-src 'self'"],
      ],
      body: `<p>${error instanceof Error ? error.name : 'unknown'}</p>`,
    }),
  })),
];

function bodyOf(response: AuthResponse): Record<string, unknown> {
  return JSON.parse(response.body ?? 'null') as Record<string, unknown>;
}
function header(response: AuthResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key === name)?.[1];
}

describe('router', () => {
  let deps: TesseraDeps;
  let handle: AuthHandler & RouteTable;
  const logged: string[] = [];
  const logger: Logger = { info() {}, warn() {}, error: (message) => logged.push(message) };

  before(async () => {
    deps = await createTesseraDeps({
      store: createMemoryStore(),
      secrets: parseServerSecrets('x'.repeat(40), 'TEST'),
      clock: new TestClock(),
      passwordHasher: fastHasher,
      tokens: { issuer: OWN, audience: 'https://api.example.com' },
    });
    handle = createAuthHandler({
      deps,
      cookieMode: 'session',
      trustedOrigins: new Set(),
      publicOrigin: OWN,
      trustProxy: { kind: 'none' },
      logger,
      extraRoutes: testRoutes,
    });
  });
  after(async () => {
    await deps.revocationFeed.stop();
    await deps.store.close();
  });

  it('looks literal paths up and matches :param segments, 404 otherwise', async () => {
    assert.deepEqual(bodyOf(await handle(request('GET', '/t/items'))), { route: 'list', params: {} });
    assert.deepEqual(bodyOf(await handle(request('GET', '/t/items/a-1_B'))), {
      route: 'get',
      params: { id: 'a-1_B' },
    });
    assert.deepEqual(bodyOf(await handle(request('PUT', '/t/items/x/tags/y'))), {
      route: 'tag',
      params: { id: 'x', tag: 'y' },
    });
    for (const path of [
      '/t/items/',
      '/t/items/a/b',
      '/t/items/a.b',
      `/t/items/${'a'.repeat(65)}`,
      '/t',
      't/items',
    ]) {
      const response = await handle(request('GET', path));
      assert.equal(response.status, 404, path);
      assert.equal(bodyOf(response)['code'], 'not_found', path);
    }
  });

  it('answers HEAD for every GET route, without a body', async () => {
    const response = await handle(request('HEAD', '/t/items/abc'));
    assert.equal(response.status, 200);
    assert.equal(response.body, null);
    assert.equal(header(response, 'content-type'), 'application/json; charset=utf-8');
  });

  it('answers 405 with Allow in declaration order, HEAD added after GET routes', async () => {
    const onItem = await handle(request('POST', '/t/items/abc'));
    assert.equal(onItem.status, 405);
    assert.equal(header(onItem, 'allow'), 'GET, DELETE, HEAD');
    assert.equal(bodyOf(onItem)['code'], 'method_not_allowed');
    const postOnly = await handle(request('HEAD', '/t/login-like'));
    assert.equal(postOnly.status, 405);
    assert.equal(header(postOnly, 'allow'), 'POST');
    assert.equal(postOnly.body, null);
  });

  it('runs the CSRF check on cookie-carrying unsafe requests, and on flagged routes always', async () => {
    const crossSite = { origin: 'https://evil.example', 'content-type': 'application/json' };
    const flagged = await handle(request('POST', '/t/login-like', crossSite));
    assert.equal(flagged.status, 403);
    assert.equal(bodyOf(flagged)['code'], 'csrf_rejected');
    assert.equal((await handle(request('POST', '/t/items', crossSite))).status, 200);
    const withCookie = await handle(
      request('POST', '/t/items', { ...crossSite, cookie: '__Host-tessera-session=x.y' }),
    );
    assert.equal(withCookie.status, 403);
    assert.equal((await handle(request('POST', '/t/login-like', { ...crossSite, origin: OWN }))).status, 200);
  });

  it('lets a signed-in route run only with a valid proof, and an admin route only for admins', async () => {
    const anonymous = await handle(request('GET', '/t/mine'));
    assert.equal(anonymous.status, 401);
    assert.equal(bodyOf(anonymous)['code'], 'unauthenticated');
    assert.equal(header(anonymous, 'www-authenticate'), 'Bearer realm="tessera"');
    const forged = await handle(request('GET', '/t/mine', { authorization: 'Bearer a.b.c' }));
    assert.equal(forged.status, 401);
    assert.equal(bodyOf(forged)['code'], 'invalid_token');

    const registered = await handle(
      request(
        'POST',
        '/auth/register',
        { 'content-type': 'application/json' },
        JSON.stringify({ email: 'router@example.com', password: PASSWORD, transport: 'bearer' }),
      ),
    );
    assert.equal(registered.status, 201);
    const { access_token: token, user } = bodyOf(registered) as {
      access_token: string;
      user: { id: string };
    };
    const bearer = { authorization: `Bearer ${token}` };
    assert.deepEqual(bodyOf(await handle(request('GET', '/t/mine', bearer))), { userId: user.id });

    const notAdmin = await handle(request('GET', '/t/admin', bearer));
    assert.equal(notAdmin.status, 403);
    assert.equal(bodyOf(notAdmin)['code'], 'forbidden');
    assert.equal((await handle(request('GET', '/t/admin'))).status, 401);
    await deps.store.updateUserRoles(user.id, ['admin']);
    assert.deepEqual(bodyOf(await handle(request('GET', '/t/admin', bearer))), { actor: user.id });
  });

  it('answers a bug 500 internal_error, logs it, and puts the security headers on every answer', async () => {
    const response = await handle(request('GET', '/t/bug'));
    assert.equal(response.status, 500);
    assert.equal(bodyOf(response)['code'], 'internal_error');
    assert.ok(logged.includes('unhandled error'));
    for (const answer of [
      response,
      await handle(request('GET', '/nowhere')),
      await handle(request('GET', '/livez')),
    ]) {
      assert.equal(header(answer, 'x-content-type-options'), 'nosniff');
      assert.equal(header(answer, 'cache-control'), 'no-store');
    }
  });

  it('lets a page route answer its own errors (405, CSRF, a bug) with its own headers, HEAD and 404 unchanged', async () => {
    const shown = await handle(request('HEAD', '/t/page'));
    assert.equal(shown.status, 200);
    assert.equal(shown.body, null);
    const wrongMethod = await handle(request('DELETE', '/t/page'));
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body, '<p>MethodNotAllowedError</p>');
    const crossSite = await handle(request('POST', '/t/page', { origin: 'https://evil.example' }));
    assert.equal(crossSite.body, '<p>CsrfRejectedError</p>');
    const bug = await handle(request('POST', '/t/page', { origin: OWN }));
    assert.equal(bug.body, '<p>Error</p>');
    for (const answer of [wrongMethod, crossSite, bug]) {
      assert.equal(header(answer, 'content-security-policy'), "default-src 'self'", 'its own CSP kept');
      assert.equal(header(answer, 'x-content-type-options'), 'nosniff', 'the other security headers added');
    }
    assert.equal(
      header(await handle(request('GET', '/t/page/x')), 'content-type'),
      'application/problem+json',
    );
    assert.ok(handle.routes.some((route) => route.method === 'POST' && route.path === '/t/page'));
  });

  it("resolves a context's origin when read, once, through one getter shared by every request", async () => {
    await handle(request('GET', '/t/context', { 'user-agent': 'agent/1' }));
    await handle(request('GET', '/t/context'));
    const [first, second] = seenContexts.slice(-2);
    assert.ok(first !== undefined && second !== undefined);
    assert.deepEqual(first.origin, { ip: '127.0.0.1', userAgent: 'agent/1' });
    assert.equal(first.origin, first.origin);
    assert.deepEqual(second.origin, { ip: '127.0.0.1', userAgent: null });
    assert.ok(Object.keys(first).includes('origin'));
    // A getter closure per request kept each request's objects alive through young-generation
    // collections (docs/bench/pipeline-profile.md, GC).
    const getterOf = (value: object): unknown =>
      Reflect.get(Object.getOwnPropertyDescriptor(value, 'origin') ?? {}, 'get');
    assert.equal(typeof getterOf(first), 'function');
    assert.equal(getterOf(first), getterOf(second));
  });

  it('lists its routes, and refuses a (method, path) declared twice', () => {
    assert.ok(
      handle.routes.some((route) => route.method === 'PUT' && route.path === '/t/items/:id/tags/:tag'),
    );
    assert.ok(handle.routes.some((route) => route.method === 'GET' && route.path === '/auth/me'));
    assert.throws(
      () =>
        createRouter({
          routes: [testRoutes[0]!, { ...testRoutes[0]!, handle: echo('again') }],
          services: {
            deps,
            cookieMode: 'session',
            revocationStreams: createRevocationStreams(deps.revocationFeed, deps.clock),
            oauth: null,
            relyingParty: null,
            authCookies: hostOnlyAuthCookies,
          },
          trustedOrigins: new Set(),
          publicOrigin: null,
          trustProxy: { kind: 'none' },
          logger,
        }),
      TypeError,
    );
  });
});
