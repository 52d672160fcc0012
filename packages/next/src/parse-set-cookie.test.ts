import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthCookies } from '@tessera/core/cookie';
import { parseSetCookie } from './parse-set-cookie.js';

const now = new Date('2026-12-06T08:00:00.000Z');

describe('parseSetCookie reads what Tessera writes', () => {
  it('a host-only session cookie', () => {
    const line = createAuthCookies(null).sessionCookie('abc.def', new Date('2026-12-06T10:00:00.000Z'), now);
    assert.deepEqual(parseSetCookie(line), {
      name: '__Host-tessera-session',
      value: 'abc.def',
      path: '/',
      maxAge: 7200,
      expires: new Date('2026-12-06T10:00:00.000Z'),
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    });
  });

  it('a shared refresh cookie with its Domain and Path, and an expiring one', () => {
    const cookies = createAuthCookies('example.com');
    const line = cookies.refreshCookie('rt.x.y', new Date('2026-12-06T09:00:00.000Z'), now);
    const parsed = parseSetCookie(line);
    assert.ok(parsed !== null);
    assert.equal(parsed.name, '__Secure-tessera-refresh');
    assert.equal(parsed.domain, 'example.com');
    assert.equal(parsed.path, '/auth/refresh');
    const [blank] = cookies.blankCookies(now, [cookies.session]);
    assert.equal(parseSetCookie(blank!)?.maxAge, 0);
    assert.equal(parseSetCookie(blank!)?.value, '');
  });

  it('a line without name= is null', () => {
    assert.equal(parseSetCookie('garbage'), null);
    assert.equal(parseSetCookie('=value'), null);
  });
});
