// Administrators see a user's linked sign-in providers: `GET /admin/users/:id/identities` and
// `tessera users identities`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '@tessera/stores/sqlite';
import { createCliDataDir, runTessera } from './cli-harness.js';
import { startTestServer, uniqueEmail } from './harness.js';

const linkedAt = new Date('2026-03-04T05:06:07.000Z');

describe("a user's identities for administrators", () => {
  it('GET /admin/users/:id/identities: provider, subject, address, verified, linked at; admins only', async () => {
    const server = await startTestServer();
    try {
      const adminToken = await server.register(uniqueEmail('oauth-admin'));
      const adminMe = await server.send('GET', '/auth/me', { cookie: adminToken });
      await server.store.updateUserRoles((adminMe.json as { user: { id: string } }).user.id, ['admin']);
      const userToken = await server.register(uniqueEmail('oauth-admin-target'));
      const userMe = await server.send('GET', '/auth/me', { cookie: userToken });
      const userId = (userMe.json as { user: { id: string } }).user.id;
      await server.store.insertIdentity({
        provider: 'google',
        subject: '1098765',
        userId,
        email: 'target@gmail.example',
        emailVerified: false,
        linkedAt,
      });
      const listed = await server.send('GET', `/admin/users/${userId}/identities`, { cookie: adminToken });
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.json, {
        identities: [
          {
            provider: 'google',
            subject: '1098765',
            email: 'target@gmail.example',
            emailVerified: false,
            linkedAt: linkedAt.toISOString(),
          },
        ],
      });
      assert.equal(
        (await server.send('GET', `/admin/users/${userId}/identities`, { cookie: userToken })).status,
        403,
      );
      const unknown = await server.send('GET', '/admin/users/nobody/identities', { cookie: adminToken });
      assert.equal(unknown.status, 404);
    } finally {
      await server.close();
    }
  });

  it('tessera users identities <email>', async () => {
    const data = createCliDataDir();
    try {
      assert.equal((await runTessera(['migrate'], data.env)).code, 0);
      const store = openSqliteStore({ path: join(data.dir, 'tessera.db') });
      try {
        await store.insertUser({
          id: 'oauth-cli-user',
          email: 'only-github@example.com',
          passwordHash: null,
          emailVerified: true,
          roles: [],
          createdAt: linkedAt,
          disabledAt: null,
        });
        await store.insertIdentity({
          provider: 'github',
          subject: '583231',
          userId: 'oauth-cli-user',
          email: 'only-github@example.com',
          emailVerified: true,
          linkedAt,
        });
      } finally {
        await store.close();
      }
      const shown = await runTessera(['users', 'identities', 'only-github@example.com'], data.env);
      assert.equal(shown.code, 0, shown.err);
      assert.match(shown.out, /^PROVIDER\s+SUBJECT\s+EMAIL\s+VERIFIED\s+LINKED/m);
      assert.match(shown.out, /github\s+583231\s+only-github@example\.com\s+yes\s+2026-03-04T05:06:07\.000Z/);
      assert.match(shown.out, /no password/);
      assert.equal((await runTessera(['users', 'identities', 'nobody@example.com'], data.env)).code, 1);
    } finally {
      data.remove();
    }
  });
});
