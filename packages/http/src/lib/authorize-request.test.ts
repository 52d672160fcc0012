import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeRequest, freshAuthRequirement } from './authorize-request.js';
import type { RequestAuth } from './request-auth.js';

const auth = (
  roles: string[],
  amr: RequestAuth['session']['amr'] = ['pwd'],
  authenticatedAt = new Date(0),
): RequestAuth => ({
  user: { id: 'u1', email: 'a@example.com', roles, createdAt: new Date(0) },
  session: {
    id: 's1',
    createdAt: new Date(0),
    lastSeenAt: new Date(0),
    expiresAt: new Date(1),
    transport: 'cookie',
    authenticatedAt,
    amr,
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

  it('answers 403 reauthentication_required past the fresh-auth age, and lets a fresh session through', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const now = (seconds: number) => () => new Date(at.getTime() + seconds * 1000);
    assert.equal(authorizeRequest(auth([], ['pwd'], at), freshAuthRequirement(300, now(300))), null);
    const stale = authorizeRequest(auth([], ['pwd'], at), freshAuthRequirement(300, now(301)))!;
    assert.equal(stale.status, 403);
    assert.equal(JSON.parse(stale.body!).code, 'reauthentication_required');
    assert.throws(() => freshAuthRequirement(0), TypeError);
    assert.throws(() => freshAuthRequirement(1.5), TypeError);
  });

  it('answers 403 second_factor_required unless the session proved a second factor', () => {
    const refused = authorizeRequest(auth([], ['pwd']), { secondFactor: true })!;
    assert.equal(refused.status, 403);
    assert.equal(JSON.parse(refused.body!).code, 'second_factor_required');
    assert.equal(authorizeRequest(auth([], ['fed']), { secondFactor: true })?.status, 403);
    for (const amr of [['pwd', 'otp', 'mfa'], ['pwd', 'otp'], ['hwk'], ['swk']] as const) {
      assert.equal(authorizeRequest(auth([], amr), { secondFactor: true }), null, amr.join());
    }
    assert.equal(authorizeRequest(null, { secondFactor: true })?.status, 401);
  });

  it('throws TypeError when the middleware never ran (a wiring bug, not a 401)', () => {
    assert.throws(() => authorizeRequest(undefined, null), TypeError);
  });
});
