// Cookie tossing on the application's own routes (issue 11, defect 6; DESIGN §3.2): the request
// authenticator the adapters use refuses two values of one Tessera cookie instead of picking one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createNodeAuthenticator, createNodeListener, isTesseraPath } from '../src/node/index.js';
import {
  ACCESS_COOKIE,
  cookieFrom,
  createTestTessera,
  listen,
  PASSWORD,
  SESSION_COOKIE,
  send,
  type RunningApp,
  type TestTessera,
} from './harness.js';

// With a cookie domain (DESIGN §10) the names are `__Secure-` and any sibling can set them: the rule holds.
for (const [cookieMode, cookieDomain] of [
  ['session', null],
  ['jwt', null],
  ['session', 'example.com'],
  ['jwt', 'example.com'],
] as const) {
  const scope = cookieDomain === null ? '' : ` (cookie domain ${cookieDomain})`;
  describe(`${cookieMode} mode${scope}: an app route given two ${cookieMode === 'session' ? 'session' : 'access'} cookies`, () => {
    let test: TestTessera;
    let app: RunningApp;
    before(async () => {
      test = await createTestTessera(cookieMode, { cookieDomain });
      const serveTessera = createNodeListener(test.tessera.handle, { bodyLimitBytes: 65536 });
      const authenticate = createNodeAuthenticator(test.tessera);
      app = await listen(
        createServer((req, res) => {
          const path = (req.url ?? '/').split('?', 1)[0]!;
          if (isTesseraPath(test.tessera, path)) {
            serveTessera(req, res);
            return;
          }
          authenticate(req, res).then(
            (outcome) => {
              if (outcome.answered) return;
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify({ userId: outcome.auth?.user.id ?? null }));
            },
            () => res.destroy(),
          );
        }),
      );
    });
    after(async () => {
      await app.close();
      await test.close();
    });

    const hostOnlyName = cookieMode === 'session' ? SESSION_COOKIE : ACCESS_COOKIE;
    const name = cookieDomain === null ? hostOnlyName : hostOnlyName.replace('__Host-', '__Secure-');
    async function signUp(prefix: string): Promise<string> {
      const result = await send(app.url, 'POST', '/auth/register', {
        body: { email: `${prefix}.${process.pid}.${cookieMode}@example.com`, password: PASSWORD },
      });
      assert.equal(result.status, 201, result.text);
      return cookieFrom(result, name)!;
    }

    it('answers 401 unauthenticated with expiring cookies, in either order', async () => {
      const victim = await signUp('victim');
      const attacker = await signUp('attacker');
      for (const cookie of [
        `${name}=${attacker}; ${name}=${victim}`,
        `${name}=${victim}; ${name}=${attacker}`,
      ]) {
        const result = await send(app.url, 'GET', '/api/profile', { headers: { cookie } });
        assert.equal(result.status, 401, result.text);
        assert.equal(result.json.code, 'unauthenticated');
        assert.equal(cookieFrom(result, name), '', 'the cookie is expired');
      }
      const alone = await send(app.url, 'GET', '/api/profile', { cookies: { [name]: victim } });
      assert.equal(alone.status, 200);
      assert.notEqual(alone.json.userId, null);
    });
  });
}
