import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustedOrigins } from './parse-trusted-origins.js';

const variable = 'TESSERA_TRUSTED_ORIGINS';

describe('parseTrustedOrigins', () => {
  // DESIGN §3.1: the exact origin string as browsers send it, default ports omitted.
  const accepted: readonly { readonly value: string | undefined; readonly expected: readonly string[] }[] = [
    { value: undefined, expected: [] },
    { value: '', expected: [] },
    { value: '   ', expected: [] },
    { value: 'https://app.example.com', expected: ['https://app.example.com'] },
    {
      value: ' https://a.example , http://localhost:5173 ',
      expected: ['https://a.example', 'http://localhost:5173'],
    },
    { value: 'HTTPS://App.Example.COM', expected: ['https://app.example.com'] },
    { value: 'https://app.example.com:443', expected: ['https://app.example.com'] },
    { value: 'http://app.example.com:80', expected: ['http://app.example.com'] },
    { value: 'https://app.example.com:8443', expected: ['https://app.example.com:8443'] },
    { value: 'http://[::1]:3000', expected: ['http://[::1]:3000'] },
    { value: 'http://127.0.0.1:3000', expected: ['http://127.0.0.1:3000'] },
    { value: 'https://bücher.example', expected: ['https://xn--bcher-kva.example'] },
    { value: 'https://a.example,https://a.example', expected: ['https://a.example'] },
  ];
  for (const { value, expected } of accepted) {
    it(`accepts ${JSON.stringify(value)}`, () => {
      assert.deepEqual([...parseTrustedOrigins(value, variable)], expected);
    });
  }

  // ours, negative: each is a configuration bug, refused at start-up with the variable and the entry named.
  const rejected: readonly { readonly value: string; readonly entry: string }[] = [
    { value: 'https://app.example.com/', entry: 'https://app.example.com/' },
    { value: 'https://app.example.com/path', entry: 'https://app.example.com/path' },
    { value: 'https://app.example.com?x=1', entry: 'https://app.example.com?x=1' },
    { value: 'https://app.example.com?', entry: 'https://app.example.com?' },
    { value: 'https://app.example.com#top', entry: 'https://app.example.com#top' },
    { value: 'https://user:pass@app.example.com', entry: 'https://user:pass@app.example.com' },
    { value: 'https://app.example.com\\evil', entry: 'https://app.example.com\\evil' },
    { value: 'https://app.example.com:', entry: 'https://app.example.com:' },
    { value: 'https://app.example.com:99999', entry: 'https://app.example.com:99999' },
    { value: 'https://app.example.com:port', entry: 'https://app.example.com:port' },
    { value: 'app.example.com', entry: 'app.example.com' },
    { value: '//app.example.com', entry: '//app.example.com' },
    { value: 'ftp://files.example.com', entry: 'ftp://files.example.com' },
    { value: 'chrome-extension://abcdef', entry: 'chrome-extension://abcdef' },
    { value: 'null', entry: 'null' },
    { value: '*', entry: '*' },
    { value: 'https://*.example.com', entry: 'https://*.example.com' },
    { value: 'https://', entry: 'https://' },
    { value: 'https://exa mple.com', entry: 'https://exa mple.com' },
    { value: 'https://a.exam\u0000ple', entry: 'https://a.exam\u0000ple' },
    { value: 'https://a.exam\tple', entry: 'https://a.exam\tple' },
    { value: 'https://a.example,,https://b.example', entry: '' },
    { value: 'https://a.example,', entry: '' },
    { value: 'https://a.example, https://b.example/', entry: 'https://b.example/' },
  ];
  for (const { value, entry } of rejected) {
    it(`rejects ${JSON.stringify(value)} with a TypeError naming the variable and the entry`, () => {
      assert.throws(
        () => parseTrustedOrigins(value, variable),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.ok(error.message.startsWith(`${variable}: `), error.message);
          assert.ok(error.message.includes(JSON.stringify(entry)), error.message);
          return true;
        },
      );
    });
  }
});
