// `@tessera/next` answers as the other adapters do for a front end on another origin (DESIGN §10;
// decision 0070): `withAuth()`'s 401 and the route handlers' 413 carry the CORS headers of the one
// policy for a listed origin, none for others. Route handlers are `Request` → `Response` functions,
// called here as Next.js calls them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTesseraDeps, parseServerSecrets, type TesseraDeps } from '@tessera/core';
import { createTesseraHttp } from '@tessera/http/fetch';
import { createMemoryStore } from '@tessera/stores/memory';
import { fastHasher, TestClock } from '../../../test/support/test-kit.js';
import { createTesseraNext, type TesseraNext } from './create-tessera-next.js';

const LISTED = 'https://spa.example.net';
const ORIGINS = [LISTED, 'https://evil.example', 'null'];

describe('@tessera/next: CORS on the answers it writes itself', () => {
  let deps: TesseraDeps;
  let next: TesseraNext;
  before(async () => {
    deps = await createTesseraDeps({
      store: createMemoryStore(),
      secrets: parseServerSecrets('x'.repeat(40), 'TEST'),
      clock: new TestClock(),
      passwordHasher: fastHasher,
      tokens: { issuer: 'https://auth.example.com', audience: 'https://api.example.com' },
    });
    next = createTesseraNext({
      name: 'cors-test',
      create: () =>
        Promise.resolve(
          createTesseraHttp({
            deps,
            cookieMode: 'session',
            trustedOrigins: new Set(),
            corsOrigins: new Set([LISTED]),
            trustProxy: { kind: 'none' },
          }),
        ),
    });
  });
  after(async () => {
    await deps.revocationFeed.stop();
    await deps.store.close();
  });

  function assertCors(response: Response, origin: string): void {
    assert.match(String(response.headers.get('vary')), /\bOrigin\b/);
    const listed = origin === LISTED;
    assert.equal(response.headers.get('access-control-allow-origin'), listed ? LISTED : null);
    assert.equal(response.headers.get('access-control-allow-credentials'), listed ? 'true' : null);
  }

  it("withAuth()'s 401 for an anonymous caller is Tessera's problem, readable by the listed origin only", async () => {
    const profile = next.withAuth(() => Response.json({ ok: true }));
    for (const origin of ORIGINS) {
      const response = await profile(new Request('http://app.test/api/profile', { headers: { origin } }));
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="tessera"');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(((await response.json()) as { code: string }).code, 'unauthenticated');
      assertCors(response, origin);
    }
  });

  it('a body past the limit is a 413 readable by the listed origin only', async () => {
    const body = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70_000) });
    for (const origin of ORIGINS) {
      const response = await next.handlers.POST(
        new Request('http://app.test/auth/login', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json', 'content-length': String(body.length) },
          body,
        }),
      );
      assert.equal(response.status, 413);
      assert.equal(((await response.json()) as { code: string }).code, 'payload_too_large');
      assertCors(response, origin);
    }
  });
});
