// Input that SQLite stores but PostgreSQL refuses (NUL in text: error 22021) must be answered like
// any other bad input, never with a 500 (issue 11, found by the request fuzz test; DESIGN §3.2).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPostgresStore } from '@tessera/stores/postgres';
import { PASSWORD, sessionCookieFrom, startTestServer, uniqueEmail, type TestServer } from './harness.js';
import { createTestDatabase, servicesSkipReason } from './services.js';

const skip = await servicesSkipReason();

describe('PostgreSQL: text PostgreSQL cannot store is a 4xx, not a 500', { skip }, () => {
  let server: TestServer;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  let adminCookie = '';

  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = () => database.drop();
    server = await startTestServer(
      {},
      { store: await openPostgresStore({ connectionString: database.url }) },
    );
    const email = uniqueEmail('admin');
    const registered = await server.send('POST', '/auth/register', { body: { email, password: PASSWORD } });
    assert.equal(registered.status, 201, registered.text);
    await server.store.updateUserRoles(registered.json.user.id as string, ['admin']);
    adminCookie = sessionCookieFrom(registered) ?? '';
  });
  after(async () => {
    await server.close();
    await dropDatabase();
  });

  it('a login with NUL in the email fails like an unknown account', async () => {
    for (const email of ['a\u0000@example.com', '\u0000', 'a@example.com\u0000']) {
      const result = await server.send('POST', '/auth/login', { body: { email, password: PASSWORD } });
      assert.equal(result.status, 401, result.text);
      assert.equal(result.json.code, 'invalid_credentials');
    }
  });

  it('NUL or another control character in an admin query parameter is 400 invalid_request', async () => {
    for (const query of ['q=%00', 'q=a%00b', 'after=%00', 'q=%1F']) {
      const result = await server.send('GET', `/admin/users?${query}`, { cookie: adminCookie });
      assert.equal(result.status, 400, `${query}: ${result.text}`);
      assert.equal(result.json.code, 'invalid_request');
    }
    for (const query of ['userId=%00', 'type=%00']) {
      const result = await server.send('GET', `/admin/audit?${query}`, { cookie: adminCookie });
      assert.equal(result.status, 400, `${query}: ${result.text}`);
    }
    const ordinary = await server.send('GET', '/admin/users?q=example', { cookie: adminCookie });
    assert.equal(ordinary.status, 200, ordinary.text);
  });
});
