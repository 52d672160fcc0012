import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCookieHeader } from './parse-cookie-header.js';

/** mulberry32: a small seeded PRNG, so the fuzz cases are the same on every run. */
function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reads a cookie through the index signature, so names like `constructor` are not typed as Object members. */
function cookieNamed(cookies: Record<string, string>, name: string): string | undefined {
  return cookies[name];
}

describe('parseCookieHeader', () => {
  it('parses name/value pairs', () => {
    const cookies = parseCookieHeader('__Host-tessera-session=abc.def; theme=dark');
    assert.deepEqual({ ...cookies }, { '__Host-tessera-session': 'abc.def', theme: 'dark' });
  });

  it('returns a null-prototype object', () => {
    assert.equal(Object.getPrototypeOf(parseCookieHeader('a=1')), null);
    assert.equal(Object.getPrototypeOf(parseCookieHeader(undefined)), null);
  });

  it('keeps __proto__ and constructor as plain data', () => {
    const cookies = parseCookieHeader('__proto__=polluted; constructor=x; toString=y');
    assert.equal(cookieNamed(cookies, '__proto__'), 'polluted');
    assert.equal(cookieNamed(cookies, 'constructor'), 'x');
    assert.equal(cookieNamed(cookies, 'toString'), 'y');
    assert.deepEqual(Object.keys(cookies).sort(), ['__proto__', 'constructor', 'toString']);
    assert.equal(Object.getPrototypeOf(cookies), null);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('does not report inherited names as cookies', () => {
    const cookies = parseCookieHeader('a=1');
    assert.equal(cookieNamed(cookies, 'constructor'), undefined);
    assert.equal(cookieNamed(cookies, 'hasOwnProperty'), undefined);
  });

  it('keeps the first value when a name repeats', () => {
    const cookies = parseCookieHeader('__Host-tessera-session=ours; __Host-tessera-session=injected');
    assert.equal(cookies['__Host-tessera-session'], 'ours');
    assert.equal(parseCookieHeader('__proto__=first; __proto__=second')['__proto__'], 'first');
  });

  it('percent-decodes values', () => {
    assert.equal(parseCookieHeader('a=hello%20world')['a'], 'hello world');
  });

  it('trims spaces and tabs around names and values', () => {
    assert.deepEqual({ ...parseCookieHeader(' a = 1 ;\tb=2\t') }, { a: '1', b: '2' });
  });

  // ours, negative: hostile or malformed headers give data or nothing, never an exception.
  const hostile: readonly {
    readonly header: string | undefined;
    readonly expected: Record<string, string>;
  }[] = [
    { header: undefined, expected: {} },
    { header: '', expected: {} },
    { header: ';;;', expected: {} },
    { header: '=', expected: {} },
    { header: '==', expected: { '': '=' } },
    { header: 'a', expected: {} },
    { header: 'a;b;c', expected: {} },
    { header: 'novalue; a=1', expected: { a: '1' } },
    { header: 'a=%', expected: { a: '%' } },
    { header: 'a=%E0%A4%A', expected: { a: '%E0%A4%A' } },
    { header: 'a=%ED%A0%80', expected: { a: '%ED%A0%80' } },
    { header: 'a=%zz; b=%41', expected: { a: '%zz', b: 'A' } },
    { header: 'a=\u0000\u0001\u007f', expected: { a: '\u0000\u0001\u007f' } },
    { header: 'a=\r\nSet-Cookie: x=y', expected: { a: '\r\nSet-Cookie: x=y' } },
    { header: 'naïve=café; 名前=値', expected: { naïve: 'café', 名前: '値' } },
    { header: 'a=\ud800', expected: { a: '\ud800' } },
    { header: 'a="quoted"', expected: { a: '"quoted"' } },
  ];
  for (const { header, expected } of hostile) {
    it(`never throws on ${JSON.stringify(header)}`, () => {
      assert.deepEqual({ ...parseCookieHeader(header) }, expected);
    });
  }

  it('treats a non-string header from a JS caller as no cookies', () => {
    const header = ['a=1'] as unknown as string;
    assert.deepEqual({ ...parseCookieHeader(header) }, {});
  });

  it('handles a huge header in linear time', () => {
    const header = 'a=1; ' + 'x'.repeat(1_000_000) + '; ' + 'b=2; '.repeat(100_000) + ';'.repeat(100_000);
    const started = performance.now();
    const cookies = parseCookieHeader(header);
    assert.equal(cookies['a'], '1');
    assert.equal(cookies['b'], '2');
    assert.ok(performance.now() - started < 2000);
  });

  it('survives a few thousand random headers (seeded fuzz)', () => {
    const random = createPrng(0x7e55e7a);
    const alphabet = [
      '=',
      ';',
      ' ',
      '\t',
      '%',
      '"',
      ',',
      '\\',
      'a',
      'Z',
      '0',
      '_',
      '-',
      '\u0000',
      '\u007f',
      'é',
      '\ud800',
    ];
    for (let run = 0; run < 5000; run++) {
      const length = Math.floor(random() * 64);
      let header = '';
      for (let i = 0; i < length; i++) {
        header +=
          random() < 0.7
            ? alphabet[Math.floor(random() * alphabet.length)]!
            : String.fromCharCode(Math.floor(random() * 0x10000));
      }
      const cookies = parseCookieHeader(header);
      assert.equal(Object.getPrototypeOf(cookies), null, `header ${JSON.stringify(header)}`);
      for (const value of Object.values(cookies)) assert.equal(typeof value, 'string');
    }
  });
});
