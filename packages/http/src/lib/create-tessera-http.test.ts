import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestTessera } from '../../test/harness.js';
import { createTesseraHttp } from './create-tessera-http.js';

describe('createTesseraHttp', () => {
  it('throws TypeError at start-up for a bad body limit or cookie mode', async () => {
    const test = await createTestTessera('session');
    try {
      const base = {
        deps: test.deps,
        trustedOrigins: new Set<string>(),
        trustProxy: { kind: 'none' } as const,
      };
      for (const bodyLimitBytes of [0, -1, 1.5, Number.NaN]) {
        assert.throws(() => createTesseraHttp({ ...base, cookieMode: 'session', bodyLimitBytes }), TypeError);
      }
      assert.throws(() => createTesseraHttp({ ...base, cookieMode: 'cookie' as 'session' }), TypeError);
      assert.equal(createTesseraHttp({ ...base, cookieMode: 'jwt' }).bodyLimitBytes, 65536);
    } finally {
      await test.close();
    }
  });
});
