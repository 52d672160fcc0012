import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeRequest } from './authorize-request.js';
import type { RequestAuth } from './request-auth.js';

const auth = (roles: string[]): RequestAuth => ({
  user: { id: 'u1', email: 'a@example.com', roles, createdAt: new Date(0) },
  session: {
    id: 's1',
    createdAt: new Date(0),
    lastSeenAt: new Date(0),
    expiresAt: new Date(1),
    transport: 'cookie',
  },
  proof: 'session-cookie',
});

describe('authorizeRequest', () => {
  it('lets a signed-in user through, with the role when one is required', () => {
    assert.equal(authorizeRequest(auth([]), null), null);
    assert.equal(authorizeRequest(auth(['admin']), 'admin'), null);
  });

  it('answers 401 unauthenticated without a session and 403 forbidden without the role', () => {
    const unauthenticated = authorizeRequest(null, 'admin')!;
    assert.equal(unauthenticated.status, 401);
    assert.equal(JSON.parse(unauthenticated.body!).code, 'unauthenticated');
    assert.ok(unauthenticated.headers.some(([name]) => name === 'www-authenticate'));
    for (const roles of [[], ['Admin'], ['admin-lite']]) {
      const forbidden = authorizeRequest(auth(roles), 'admin')!;
      assert.equal(forbidden.status, 403);
      assert.deepEqual(JSON.parse(forbidden.body!), {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        code: 'forbidden',
        detail: 'You do not have permission to do this.',
      });
      assert.ok(
        forbidden.headers.some(
          ([name, value]) => name === 'content-type' && value === 'application/problem+json',
        ),
      );
      assert.ok(forbidden.headers.some(([name]) => name === 'x-content-type-options'));
    }
  });

  it('throws TypeError when the middleware never ran (a wiring bug, not a 401)', () => {
    assert.throws(() => authorizeRequest(undefined, null), TypeError);
  });
});
