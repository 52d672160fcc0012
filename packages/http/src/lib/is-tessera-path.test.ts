import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestTessera } from '../../test/harness.js';
import { isTesseraPath } from './is-tessera-path.js';

describe('isTesseraPath', () => {
  it('claims /auth, everything under it, and every other route of the handler (JWKS, probes, admin API), and nothing else', async () => {
    const test = await createTestTessera('session');
    try {
      for (const path of [
        '/auth',
        '/auth/',
        '/auth/login',
        '/auth/sessions/abc',
        '/.well-known/jwks.json',
        '/healthz',
        '/livez',
        '/admin/users',
        '/admin/users/abc',
        '/admin/users/abc/disable',
      ]) {
        assert.equal(isTesseraPath(test.tessera, path), true, path);
      }
      for (const path of [
        '/',
        '/authx',
        '/authority/x',
        '/api/auth',
        '/.well-known/other',
        '/healthz/x',
        '/HEALTHZ',
        '/AUTH/login',
        '/admin',
        '/admin/users/',
        '/admin/users/abc/nothing',
      ]) {
        assert.equal(isTesseraPath(test.tessera, path), false, path);
      }
    } finally {
      await test.close();
    }
  });
});
