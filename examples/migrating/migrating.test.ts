import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { createTesseraDeps, parseServerSecrets, type TesseraDeps } from '@tessera/core';
import { createTesseraHttp } from '@tessera/http/express';
import { createMemoryStore } from '@tessera/stores/memory';
import { createRemoteKeySet, RevocationSet } from '@tessera/verify';
import { cookiePair, exchange, SESSION_COOKIE } from '../test/example-client.js';
import { createMigratedApp } from './create-migrated-app.js';
import { importLegacyUsers } from './import-legacy-users.js';
import { verifyEitherToken } from './verify-either-token.js';

const LEGACY_SESSION_SECRET = 'the old express-session secret';
const LEGACY_JWT_SECRET = 'the old jsonwebtoken secret';
const PASSWORD = 'the password alice chose in 2019';

/** The cookie express-session would have set for `sid` (cookie-signature's format). */
function legacyCookie(sid: string): string {
  const signature = createHmac('sha256', LEGACY_SESSION_SECRET)
    .update(sid)
    .digest('base64')
    .replace(/=+$/, '');
  return `connect.sid=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

describe('examples/migrating: from express-session and jsonwebtoken, users moved without signing in again', () => {
  let deps: TesseraDeps;
  let server: Server;
  let url: string;
  const legacyStore = new session.MemoryStore();

  before(async () => {
    const store = createMemoryStore();
    deps = await createTesseraDeps({
      store,
      secrets: parseServerSecrets('m'.repeat(40), 'TEST'),
      tokens: { issuer: 'https://shop.example.com', audience: 'shop' },
    });
    const tessera = createTesseraHttp({
      deps,
      cookieMode: 'session',
      trustedOrigins: new Set(),
      trustProxy: { kind: 'none' },
    });
    server = createServer(
      createMigratedApp({ tessera, deps, legacyStore, legacySecret: LEGACY_SESSION_SECRET }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await deps.revocationFeed.stop();
  });

  it('imports the old users with their bcrypt hashes and ids; they sign in with their old password', async () => {
    const rows = [
      {
        id: 'u-42',
        email: 'Alice@Example.com',
        passwordHash: await bcrypt.hash(PASSWORD, 4),
        role: 'customer',
        createdAt: new Date('2019-05-01T00:00:00Z'),
      },
    ];
    assert.deepEqual(await importLegacyUsers(deps.store, rows), { imported: 1, skipped: 0 });
    assert.deepEqual(await importLegacyUsers(deps.store, rows), { imported: 0, skipped: 1 });

    const login = await exchange(url, 'POST', '/auth/login', {
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.json.user.id, 'u-42');
    assert.deepEqual(login.json.user.roles, ['customer']);
    assert.match((await deps.store.getUserById('u-42'))!.passwordHash ?? '', /^\$argon2id\$/);
  });

  it('moves a returning user’s express-session to a Tessera session once, and the old cookie dies', async () => {
    const expires = new Date(Date.now() + 86_400_000);
    await new Promise<void>((resolve, reject) =>
      legacyStore.set(
        'old-session-id',
        {
          cookie: { originalMaxAge: 86_400_000, expires, httpOnly: true, path: '/' },
          userId: 'u-42',
        } as never,
        (error: unknown) => (error ? reject(new Error('legacy store failed', { cause: error })) : resolve()),
      ),
    );
    const old = legacyCookie('old-session-id');

    // An unsafe request does not sign anyone in from the old cookie (it may be cross-site).
    assert.equal((await exchange(url, 'POST', '/api/orders', { cookie: old, body: {} })).status, 404);
    const refused = await exchange(url, 'GET', '/api/orders', { cookie: 'connect.sid=s%3Aforged.sig' });
    assert.equal(refused.status, 401);

    const moved = await exchange(url, 'GET', '/api/orders', { cookie: old });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.userId, 'u-42');
    const tesseraCookie = cookiePair(moved, SESSION_COOKIE);
    assert.ok(tesseraCookie);
    assert.ok(moved.setCookies.some((line) => line.startsWith('connect.sid=;')));

    assert.equal((await exchange(url, 'GET', '/api/orders', { cookie: old })).status, 401);
    const after = await exchange(url, 'GET', '/api/orders', { cookie: tesseraCookie });
    assert.equal(after.status, 200);
    assert.equal(after.json.userId, 'u-42');
  });

  it('lets a service accept old jsonwebtoken tokens and Tessera tokens side by side, and nothing forged', async () => {
    const tessera = {
      keys: createRemoteKeySet(`${url}/.well-known/jwks.json`),
      issuer: 'https://shop.example.com',
      audience: 'shop',
      revocations: RevocationSet.local(),
    };
    const options = { tessera, legacySecret: LEGACY_JWT_SECRET };

    const legacy = jwt.sign({ userId: 'u-42', role: 'customer' }, LEGACY_JWT_SECRET, { expiresIn: '1h' });
    assert.deepEqual(await verifyEitherToken(legacy, options), {
      userId: 'u-42',
      roles: ['customer'],
      kind: 'legacy',
    });

    const login = await exchange(url, 'POST', '/auth/login', {
      body: { email: 'alice@example.com', password: PASSWORD, transport: 'bearer' },
    });
    const current = await verifyEitherToken(login.json.access_token, options);
    assert.deepEqual(current, { userId: 'u-42', roles: ['customer'], kind: 'tessera' });

    const wrongSecret = jwt.sign({ userId: 'u-1', role: 'admin' }, 'guessed', { expiresIn: '1h' });
    const unsigned = jwt.sign({ userId: 'u-1', role: 'admin' }, '', { algorithm: 'none' });
    const expired = jwt.sign({ userId: 'u-42', exp: Math.floor(Date.now() / 1000) - 10 }, LEGACY_JWT_SECRET);
    for (const token of [wrongSecret, unsigned, expired, 'not.a.token', '']) {
      await assert.rejects(verifyEitherToken(token, options), token);
    }
  });
});
