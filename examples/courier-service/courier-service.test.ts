import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startProcess, type RunningProcess } from '../../apps/tessera/test/processes.js';
import { exchange } from '../test/example-client.js';

const STAFF_PASSWORD = 'pepperoni and basil at midnight';

/** Polls until `check` holds, or fails after `timeoutMs` (a bound for the test, not a measurement). */
async function eventually(timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('examples/courier-service trusting the food-delivery app’s bearer tokens through @tessera/verify', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-'));
  let auth: RunningProcess;
  let couriers: RunningProcess;

  async function bearerLogin(email: string, password: string): Promise<string> {
    const response = await exchange(auth.url, 'POST', '/auth/login', {
      body: { email, password, transport: 'bearer' },
    });
    assert.equal(response.status, 200, response.text);
    return response.json.access_token;
  }
  const deliveries = (token?: string) =>
    exchange(couriers.url, 'GET', '/deliveries', token === undefined ? {} : { bearer: token });

  before(async () => {
    auth = await startProcess('examples/food-delivery/server.ts', {
      PORT: '0',
      FOOD_DELIVERY_DATA_DIR: dataDir,
      FOOD_DELIVERY_STAFF_PASSWORD: STAFF_PASSWORD,
    });
    couriers = await startProcess('examples/courier-service/server.ts', {
      PORT: '0',
      FOOD_DELIVERY_URL: auth.url,
    });
    // The revocation story below needs the feed connected first.
    await eventually(10_000, async () => {
      const health = await exchange(couriers.url, 'GET', '/healthz');
      return health.json?.feedConnected === true;
    });
  });

  after(async () => {
    await Promise.all([couriers.stop(), auth.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets a courier with a token from the auth server see and accept deliveries', async () => {
    const token = await bearerLogin('courier@example.com', STAFF_PASSWORD);
    const listed = await deliveries(token);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.deliveries.length, 2);
    const accepted = await exchange(couriers.url, 'POST', '/deliveries/d1/accept', { bearer: token });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.json.delivery.courierId, listed.json.courier);
  });

  it('answers 401 unauthenticated without a token and 403 forbidden to a signed-in non-courier', async () => {
    const anonymous = await deliveries();
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.code, 'unauthenticated');
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="courier-service"');

    const customer = await exchange(auth.url, 'POST', '/auth/register', {
      body: { email: 'hungry@example.com', password: 'correct horse battery staple', transport: 'bearer' },
    });
    assert.equal(customer.status, 201, customer.text);
    const refused = await deliveries(customer.json.access_token);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'forbidden');
  });

  it('answers 401 invalid_token to a forged, an unsigned or a foreign token, and to a session cookie', async () => {
    const token = await bearerLogin('courier@example.com', STAFF_PASSWORD);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // A different signature: change one character in the middle (the last one may only carry padding bits).
    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === 'A' ? 'B' : 'A';
    const forgedSignature = `${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    // The claims rewritten to add a role: the signature no longer matches.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['courier', 'admin'] })).toString(
      'base64url',
    );
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    for (const [name, forged] of [
      ['changed signature', `${header}.${payload}.${forgedSignature}`],
      ['changed claims', `${header}.${escalated}.${signature}`],
      ['alg none', unsigned],
      ['not a JWT', 'Vsvf8sJRH0TonJTceB6jLg.EiaN623lYAT_TxBnZhRrewEiaN623lYAT_TxBnZhRrew'],
    ] as const) {
      const refused = await deliveries(forged);
      assert.equal(refused.status, 401, name);
      assert.equal(refused.json.code, 'invalid_token', name);
      assert.equal(
        refused.headers.get('www-authenticate'),
        'Bearer realm="courier-service", error="invalid_token"',
        name,
      );
      assert.ok(!refused.text.includes(signature), name);
    }
  });

  it('refuses a token as soon as its session is signed out, long before its exp', async () => {
    const token = await bearerLogin('courier@example.com', STAFF_PASSWORD);
    assert.equal((await deliveries(token)).status, 200);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    assert.ok(exp - Date.now() / 1000 > 600, 'the token would stay valid for minutes on its own');

    const logout = await exchange(auth.url, 'POST', '/auth/logout', { bearer: token });
    assert.equal(logout.status, 204);
    await eventually(10_000, async () => (await deliveries(token)).status === 401);
    const refused = await deliveries(token);
    assert.equal(refused.json.code, 'session_revoked');
    assert.ok(Date.now() / 1000 < exp, 'refused before exp');

    // Another session of the same courier is unaffected.
    assert.equal((await deliveries(await bearerLogin('courier@example.com', STAFF_PASSWORD))).status, 200);
  });
});
