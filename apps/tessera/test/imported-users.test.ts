import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { hashScryptForImport } from '@tessera/core/password';
import { startTestServer, uniqueEmail, type TestServer } from './harness.js';

describe('users imported with bcrypt or scrypt hashes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function importUser(passwordHash: string): Promise<{ id: string; email: string }> {
    const user = {
      id: randomUUID(),
      email: uniqueEmail('imported'),
      passwordHash,
      roles: [],
      createdAt: new Date(),
      disabledAt: null,
      emailVerified: false,
    };
    assert.equal(await server.store.insertUser(user), true);
    return user;
  }

  const cases: [string, (password: string) => Promise<string>][] = [
    ['bcrypt', (password) => bcrypt.hash(password, 4)],
    ['scrypt', (password) => hashScryptForImport(password, { ln: 10, r: 8, p: 1 })],
  ];
  for (const [name, hashWith] of cases) {
    it(`${name}: the old password signs in and the hash becomes argon2id`, async () => {
      const password = `imported ${name} password`;
      const user = await importUser(await hashWith(password));
      assert.equal((await server.login(user.email, 'not the imported one')).status, 401);
      assert.equal((await server.login(user.email, password)).status, 200);
      const stored = await server.store.getUserById(user.id);
      assert.match(stored!.passwordHash ?? '', /^\$argon2id\$/);
      assert.equal((await server.login(user.email, password)).status, 200, 'and still signs in afterwards');
      const events = await server.store.listAuditEvents({
        userId: user.id,
        type: 'password.rehashed',
        before: null,
        limit: 10,
      });
      assert.equal(events.length, 1);
    });
  }

  it('a password stored unnormalized by the old system still verifies', async () => {
    const decomposed = 'cafe\u0301 au lait, s\u0301il vous plait';
    const user = await importUser(await bcrypt.hash(decomposed, 4));
    assert.equal((await server.login(user.email, decomposed)).status, 200);
  });
});
