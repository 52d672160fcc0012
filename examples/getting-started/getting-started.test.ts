import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startProcess, type RunningProcess } from '../../apps/tessera/test/processes.js';
import { cookiePair, exchange, SESSION_COOKIE } from '../test/example-client.js';

const repoRoot = new URL('../../', import.meta.url).pathname;
const PASSWORD = 'correct horse battery staple';

// Each getting-started page shows one of these apps whole; the test runs the very same code.
for (const framework of ['express', 'fastify', 'hono', 'node'] as const) {
  describe(`docs/getting-started-${framework}.md`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), `getting-started-${framework}-`));
    let app: RunningProcess | undefined;
    after(async () => {
      await app?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('shows examples/getting-started/' + framework + '-app.ts verbatim', () => {
      const page = readFileSync(join(repoRoot, `docs/getting-started-${framework}.md`), 'utf8');
      const code = readFileSync(join(repoRoot, `examples/getting-started/${framework}-app.ts`), 'utf8');
      assert.ok(
        page.includes('```ts\n' + code + '```\n'),
        'the page and the file differ: copy the file into the page',
      );
    });

    it('runs: sign up, read the user, the role check, bearer, CSRF, logout', async () => {
      app = await startProcess(`examples/getting-started/${framework}-app.ts`, {
        PORT: '0',
        DATA_DIR: dataDir,
        TESSERA_SECRET: randomBytes(32).toString('base64url'),
      });
      const { url } = app;
      const anonymous = await exchange(url, 'GET', '/api/me');
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.json.code, 'unauthenticated');

      const email = `${framework}@example.com`;
      const registered = await exchange(url, 'POST', '/auth/register', {
        body: { email, password: PASSWORD },
      });
      assert.equal(registered.status, 201, registered.text);
      const cookie = cookiePair(registered, SESSION_COOKIE)!;
      const me = await exchange(url, 'GET', '/api/me', { cookie });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.email, email);
      assert.deepEqual(me.json.roles, []);
      const reports = await exchange(url, 'GET', '/api/reports', { cookie });
      assert.equal(reports.status, 403);
      assert.equal(reports.json.code, 'forbidden');

      const bearer = await exchange(url, 'POST', '/auth/login', {
        body: { email, password: PASSWORD, transport: 'bearer' },
      });
      assert.equal(bearer.status, 200, bearer.text);
      const viaToken = await exchange(url, 'GET', '/api/me', { bearer: bearer.json.access_token });
      assert.equal(viaToken.json.email, email);

      const crossSite = await exchange(url, 'POST', '/auth/logout', {
        cookie,
        headers: { origin: 'https://evil.example' },
      });
      assert.equal(crossSite.status, 403);
      assert.equal(crossSite.json.code, 'csrf_rejected');
      const logout = await exchange(url, 'POST', '/auth/logout', { cookie, headers: { origin: url } });
      assert.equal(logout.status, 204);
      assert.equal((await exchange(url, 'GET', '/api/me', { cookie })).status, 401);
    });
  });
}
