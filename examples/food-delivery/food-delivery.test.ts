import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startProcess, type RunningProcess } from '../../apps/tessera/test/processes.js';
import { cookiePair, exchange, SESSION_COOKIE, type ExampleRequest } from '../test/example-client.js';

const STAFF_PASSWORD = 'pepperoni and basil at midnight';
const PASSWORD = 'correct horse battery staple';

describe('examples/food-delivery, started the way `npm run example:food-delivery` starts it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'food-delivery-'));
  let app: RunningProcess;
  /** A browser on the app's own page: its cookie, and the Origin it sends on unsafe requests. */
  const asBrowser = (cookie: string | null, request: ExampleRequest = {}): ExampleRequest => ({
    ...request,
    ...(cookie === null ? {} : { cookie }),
    headers: { origin: app.url, 'sec-fetch-site': 'same-origin', ...request.headers },
  });
  const call = (method: string, path: string, request?: ExampleRequest) =>
    exchange(app.url, method, path, request);

  async function register(email: string): Promise<string> {
    const response = await call(
      'POST',
      '/auth/register',
      asBrowser(null, { body: { email, password: PASSWORD } }),
    );
    assert.equal(response.status, 201, response.text);
    const cookie = cookiePair(response, SESSION_COOKIE);
    assert.ok(cookie);
    return cookie;
  }

  async function login(email: string, password: string): Promise<string> {
    const response = await call('POST', '/auth/login', asBrowser(null, { body: { email, password } }));
    assert.equal(response.status, 200, response.text);
    return cookiePair(response, SESSION_COOKIE)!;
  }

  before(async () => {
    app = await startProcess('examples/food-delivery/server.ts', {
      PORT: '0',
      FOOD_DELIVERY_DATA_DIR: dataDir,
      FOOD_DELIVERY_STAFF_PASSWORD: STAFF_PASSWORD,
    });
  });

  after(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists restaurants and menus to anyone, and refuses orders from someone not signed in', async () => {
    const restaurants = await call('GET', '/api/restaurants');
    assert.equal(restaurants.status, 200);
    assert.equal(restaurants.json.signedIn, false);
    assert.deepEqual(
      restaurants.json.restaurants.map((r: { id: string }) => r.id),
      ['pizza-nova', 'green-bowl'],
    );
    const menu = await call('GET', '/api/menu/pizza-nova');
    assert.equal(menu.status, 200);
    assert.ok(menu.json.items.some((item: { id: string }) => item.id === 'margherita'));
    assert.equal((await call('GET', '/api/menu/nowhere')).json.code, 'restaurant_not_found');

    const order = await call('POST', '/api/orders', {
      body: { restaurantId: 'pizza-nova', items: [{ itemId: 'margherita', quantity: 1 }] },
    });
    assert.equal(order.status, 401);
    assert.equal(order.json.code, 'unauthenticated');
    assert.equal((await call('GET', '/api/orders')).status, 401);
  });

  it('signs up with an opaque HttpOnly session cookie: no token in the body, no user data in the cookie', async () => {
    const email = 'carol@example.com';
    const response = await call(
      'POST',
      '/auth/register',
      asBrowser(null, { body: { email, password: PASSWORD } }),
    );
    assert.equal(response.status, 201, response.text);
    const line = response.setCookies.find((candidate) => candidate.startsWith(`${SESSION_COOKIE}=`))!;
    // __Host-: Secure, Path=/, no Domain; HttpOnly keeps it away from page scripts.
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; Secure/i);
    assert.match(line, /; SameSite=Lax/i);
    assert.match(line, /; Path=\/(;|$)/);
    assert.doesNotMatch(line, /Domain=/i);
    const value = line.slice(SESSION_COOKIE.length + 1).split(';', 1)[0]!;
    // `<session id>.<256-bit secret>`, both random: nothing about the user, nothing to decode.
    assert.match(value, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const userId: string = response.json.user.id;
    for (const part of value.split('.')) {
      const decoded = Buffer.from(part, 'base64url').toString('latin1');
      assert.ok(!decoded.includes(email) && !decoded.includes(userId) && !part.includes(userId));
    }
    // The body tells the page who signed in; it carries nothing a script could store and replay.
    assert.equal(response.json.user.email, email);
    assert.ok(!response.text.includes(value.split('.')[1]!));
    assert.equal(response.json.access_token, undefined);
    assert.equal(response.json.refresh_token, undefined);
    const restaurants = await call('GET', '/api/restaurants', asBrowser(`${SESSION_COOKIE}=${value}`));
    assert.equal(restaurants.json.signedIn, true);
  });

  it('places orders and lists only the caller’s own orders', async () => {
    const alice = await register('alice@example.com');
    const bob = await register('bob@example.com');
    const placed = await call(
      'POST',
      '/api/orders',
      asBrowser(alice, {
        body: { restaurantId: 'pizza-nova', items: [{ itemId: 'margherita', quantity: 2 }] },
      }),
    );
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.json.order.totalCents, 2180);
    const bobs = await call(
      'POST',
      '/api/orders',
      asBrowser(bob, {
        body: { restaurantId: 'green-bowl', items: [{ itemId: 'falafel-bowl', quantity: 1 }] },
      }),
    );
    assert.equal(bobs.status, 201, bobs.text);

    const aliceOrders = await call('GET', '/api/orders', asBrowser(alice));
    assert.deepEqual(
      aliceOrders.json.orders.map((order: { id: string }) => order.id),
      [placed.json.order.id],
    );
    const bobOrders = await call('GET', '/api/orders', asBrowser(bob));
    assert.deepEqual(
      bobOrders.json.orders.map((order: { id: string }) => order.id),
      [bobs.json.order.id],
    );

    const unknownItem = await call(
      'POST',
      '/api/orders',
      asBrowser(alice, {
        body: { restaurantId: 'pizza-nova', items: [{ itemId: 'falafel-bowl', quantity: 1 }] },
      }),
    );
    assert.equal(unknownItem.status, 404);
    for (const rawBody of ['{"restaurantId":', '{"restaurantId":"pizza-nova","items":[]}', '[]']) {
      const bad = await call('POST', '/api/orders', asBrowser(alice, { rawBody }));
      assert.equal(bad.status, 400, rawBody);
      assert.equal(bad.json.code, 'invalid_request');
      assert.equal(bad.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
  });

  it('refuses a cross-site order made with the victim’s cookie (403 csrf_rejected), and records nothing', async () => {
    const dave = await register('dave@example.com');
    const order = { restaurantId: 'pizza-nova', items: [{ itemId: 'diavola', quantity: 1 }] };
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const refused = await call('POST', '/api/orders', { cookie: dave, body: order, headers });
      assert.equal(refused.status, 403, JSON.stringify(headers));
      assert.equal(refused.json.code, 'csrf_rejected');
    }
    assert.deepEqual((await call('GET', '/api/orders', asBrowser(dave))).json.orders, []);
  });

  it('lets an admin edit any menu and a restaurant-owner only their own restaurant’s', async () => {
    const customer = await register('erin@example.com');
    const owner = await login('owner@example.com', STAFF_PASSWORD);
    const admin = await login('admin@example.com', STAFF_PASSWORD);
    const item = { name: 'Calzone', priceCents: 1390 };

    const anonymous = await call('POST', '/api/restaurants/pizza-nova/menu', asBrowser(null, { body: item }));
    assert.equal(anonymous.status, 401);
    const byCustomer = await call(
      'POST',
      '/api/restaurants/pizza-nova/menu',
      asBrowser(customer, { body: item }),
    );
    assert.equal(byCustomer.status, 403);
    assert.equal(byCustomer.json.code, 'forbidden');
    const byOwner = await call('POST', '/api/restaurants/pizza-nova/menu', asBrowser(owner, { body: item }));
    assert.equal(byOwner.status, 201, byOwner.text);
    const notTheirs = await call(
      'POST',
      '/api/restaurants/green-bowl/menu',
      asBrowser(owner, { body: item }),
    );
    assert.equal(notTheirs.status, 403);
    const byAdmin = await call(
      'POST',
      '/api/restaurants/green-bowl/menu',
      asBrowser(admin, { body: { name: 'Lentil soup', priceCents: 790 } }),
    );
    assert.equal(byAdmin.status, 201, byAdmin.text);

    const menu = await call('GET', '/api/menu/pizza-nova');
    assert.ok(menu.json.items.some((entry: { name: string }) => entry.name === 'Calzone'));
    const invalid = await call(
      'POST',
      '/api/restaurants/pizza-nova/menu',
      asBrowser(owner, { body: { name: '', priceCents: -1 } }),
    );
    assert.equal(invalid.status, 400);
  });

  it('logout really logs out: the old cookie is dead on the server, not just cleared in the browser', async () => {
    const frank = await register('frank@example.com');
    assert.equal((await call('GET', '/api/orders', asBrowser(frank))).status, 200);
    const logout = await call('POST', '/auth/logout', asBrowser(frank));
    assert.equal(logout.status, 204);
    assert.equal(cookiePair(logout, SESSION_COOKIE), `${SESSION_COOKIE}=`);
    // An attacker who copied the cookie before logout replays it afterwards.
    const replayed = await call('GET', '/api/orders', asBrowser(frank));
    assert.equal(replayed.status, 401);
    assert.equal(replayed.json.code, 'unauthenticated');
    assert.equal((await call('GET', '/auth/me', asBrowser(frank))).status, 401);
    // Even on a public route a dead cookie is refused, and the browser is told to drop it.
    const restaurants = await call('GET', '/api/restaurants', asBrowser(frank));
    assert.equal(restaurants.status, 401);
    assert.equal(cookiePair(restaurants, SESSION_COOKIE), `${SESSION_COOKIE}=`);
  });
});
