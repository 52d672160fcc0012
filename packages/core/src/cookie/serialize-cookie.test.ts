import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CookieAttributes } from './cookie-attributes.js';
import { parseCookieHeader } from './parse-cookie-header.js';
import { serializeCookie } from './serialize-cookie.js';

const now = new Date('2025-01-02T03:04:05.000Z');
const token = 'Zm9vYmFy.c2VjcmV0LXNlY3JldA';

// DESIGN §3 "Cookies (defaults)".
const sessionAttributes: CookieAttributes = {
  path: '/',
  domain: null,
  maxAgeSeconds: 7200,
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
};

/** Splits a Set-Cookie value into its name=value pair and a map of attribute name → value. */
function splitSetCookie(header: string): { pair: string; attributes: Map<string, string | true> } {
  const [pair, ...rest] = header.split('; ');
  const attributes = new Map<string, string | true>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    assert.equal(attributes.has(key), false, `attribute ${key} appears twice`);
    attributes.set(key, eq === -1 ? true : part.slice(eq + 1));
  }
  return { pair: pair!, attributes };
}

describe('serializeCookie', () => {
  it('serializes the default session cookie exactly (DESIGN §3)', () => {
    const header = serializeCookie('__Host-tessera-session', token, sessionAttributes, now);
    const { pair, attributes } = splitSetCookie(header);
    assert.equal(pair, `__Host-tessera-session=${token}`);
    assert.deepEqual(
      attributes,
      new Map<string, string | true>([
        ['Max-Age', '7200'],
        ['Path', '/'],
        ['Expires', 'Thu, 02 Jan 2025 05:04:05 GMT'],
        ['HttpOnly', true],
        ['Secure', true],
        ['SameSite', 'Lax'],
      ]),
    );
    assert.equal(
      header,
      `__Host-tessera-session=${token}; Max-Age=7200; Path=/; Expires=Thu, 02 Jan 2025 05:04:05 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it('serializes the jwt-mode refresh cookie with its path (DESIGN §3)', () => {
    const header = serializeCookie(
      '__Secure-tessera-refresh',
      token,
      { ...sessionAttributes, path: '/auth/refresh', maxAgeSeconds: 2592000 },
      now,
    );
    const { attributes } = splitSetCookie(header);
    assert.equal(attributes.get('Path'), '/auth/refresh');
    assert.equal(attributes.get('Max-Age'), '2592000');
    assert.equal(attributes.get('Expires'), 'Sat, 01 Feb 2025 03:04:05 GMT');
  });

  it('expires a cookie with Max-Age=0 and an Expires at the Unix epoch', () => {
    const header = serializeCookie(
      '__Host-tessera-session',
      '',
      { ...sessionAttributes, maxAgeSeconds: 0 },
      now,
    );
    const { pair, attributes } = splitSetCookie(header);
    assert.equal(pair, '__Host-tessera-session=');
    assert.equal(attributes.get('Max-Age'), '0');
    assert.equal(attributes.get('Expires'), 'Thu, 01 Jan 1970 00:00:00 GMT');
    assert.ok(new Date(attributes.get('Expires') as string) < now);
  });

  it('omits Max-Age and Expires for a browser-session cookie', () => {
    const header = serializeCookie('theme', 'dark', { ...sessionAttributes, maxAgeSeconds: null }, now);
    const { attributes } = splitSetCookie(header);
    assert.equal(attributes.has('Max-Age'), false);
    assert.equal(attributes.has('Expires'), false);
  });

  it('emits Domain, SameSite=Strict and SameSite=None when asked', () => {
    const withDomain = splitSetCookie(
      serializeCookie('pref', 'x', { ...sessionAttributes, domain: 'example.com', sameSite: 'strict' }, now),
    );
    assert.equal(withDomain.attributes.get('Domain'), 'example.com');
    assert.equal(withDomain.attributes.get('SameSite'), 'Strict');
    const none = splitSetCookie(
      serializeCookie('pref', 'x', { ...sessionAttributes, sameSite: 'none' }, now),
    );
    assert.equal(none.attributes.get('SameSite'), 'None');
  });

  it('omits HttpOnly and Secure when false', () => {
    const { attributes } = splitSetCookie(
      serializeCookie('pref', 'x', { ...sessionAttributes, httpOnly: false, secure: false }, now),
    );
    assert.equal(attributes.has('HttpOnly'), false);
    assert.equal(attributes.has('Secure'), false);
  });

  it('round-trips through parseCookieHeader, including values that need encoding', () => {
    for (const value of [token, 'a b;c=d,e"f\\g', 'ünïcødé', '%41', '']) {
      const header = serializeCookie('__Host-x', value, sessionAttributes, now);
      const pair = header.slice(0, header.indexOf('; '));
      assert.equal(parseCookieHeader(pair)['__Host-x'], value);
    }
  });

  // ours, negative: each row is a caller bug that browsers would turn into a silently dropped cookie.
  const rejected: readonly {
    readonly why: string;
    readonly name: string;
    readonly value?: string;
    readonly attributes: Partial<CookieAttributes>;
    readonly message: RegExp;
  }[] = [
    {
      why: '__Host- without Secure (RFC 6265bis §4.1.3.2)',
      name: '__Host-s',
      attributes: { secure: false },
      message: /__Host-/,
    },
    {
      why: '__Host- with a Domain (§4.1.3.2)',
      name: '__Host-s',
      attributes: { domain: 'example.com' },
      message: /__Host-/,
    },
    {
      why: '__Host- with Path other than / (§4.1.3.2)',
      name: '__Host-s',
      attributes: { path: '/auth' },
      message: /__Host-/,
    },
    {
      why: '__host- matched case-insensitively (§5.4)',
      name: '__host-s',
      attributes: { secure: false },
      message: /__Host-/,
    },
    {
      why: '__Secure- without Secure (§4.1.3.1)',
      name: '__Secure-r',
      attributes: { secure: false },
      message: /__Secure-/,
    },
    {
      why: '__SECURE- matched case-insensitively (§5.4)',
      name: '__SECURE-r',
      attributes: { secure: false },
      message: /__Secure-/,
    },
    {
      why: 'SameSite=None without Secure (§5.7 step 19)',
      name: 'x',
      attributes: { sameSite: 'none', secure: false },
      message: /sameSite "none"/,
    },
    { why: 'path not starting with / (§5.6.4)', name: 'x', attributes: { path: 'auth' }, message: /path/ },
    { why: 'empty path (§5.6.4)', name: 'x', attributes: { path: '' }, message: /path/ },
    { why: 'empty-string domain', name: 'x', attributes: { domain: '' }, message: /domain null/ },
    { why: 'negative Max-Age', name: 'x', attributes: { maxAgeSeconds: -1 }, message: /maxAgeSeconds/ },
    { why: 'fractional Max-Age', name: 'x', attributes: { maxAgeSeconds: 1.5 }, message: /maxAgeSeconds/ },
    { why: 'NaN Max-Age', name: 'x', attributes: { maxAgeSeconds: Number.NaN }, message: /maxAgeSeconds/ },
    {
      why: 'Infinity Max-Age',
      name: 'x',
      attributes: { maxAgeSeconds: Number.POSITIVE_INFINITY },
      message: /maxAgeSeconds/,
    },
    {
      why: 'Max-Age past the Date range',
      name: 'x',
      attributes: { maxAgeSeconds: 9e15 },
      message: /expires/,
    },
    { why: 'empty name (§4.1.1)', name: '', attributes: {}, message: /cookie-name/ },
    { why: 'name with a space (§4.1.1)', name: 'a b', attributes: {}, message: /cookie-name/ },
    { why: 'name with =', name: 'a=b', attributes: {}, message: /cookie-name/ },
    { why: 'name with ;', name: 'a;b', attributes: {}, message: /cookie-name/ },
    { why: 'name with a control character', name: 'a\nb', attributes: {}, message: /cookie-name/ },
    {
      why: 'value with a lone surrogate',
      name: 'x',
      value: 'secret\ud800',
      attributes: {},
      message: /value of cookie "x"/,
    },
    { why: 'path with ;', name: 'x', attributes: { path: '/a;b' }, message: /path/ },
    { why: 'path with a control character', name: 'x', attributes: { path: '/a\nb' }, message: /path/ },
    { why: 'domain with ;', name: 'x', attributes: { domain: 'a.com;b' }, message: /domain/ },
  ];
  for (const row of rejected) {
    it(`throws TypeError on ${row.why}`, () => {
      assert.throws(
        () => serializeCookie(row.name, row.value ?? 'v', { ...sessionAttributes, ...row.attributes }, now),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, row.message);
          return true;
        },
      );
    });
  }

  it('never puts the cookie value in the error message', () => {
    const secret = 'do-not-log-me\ud800';
    assert.throws(
      () => serializeCookie('x', secret, sessionAttributes, now),
      (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.ok(!error.message.includes('do-not-log-me'));
        assert.equal(error.cause, undefined);
        return true;
      },
    );
  });

  it('throws TypeError on an invalid `now`', () => {
    assert.throws(() => serializeCookie('x', 'v', sessionAttributes, new Date(Number.NaN)), TypeError);
  });
});
