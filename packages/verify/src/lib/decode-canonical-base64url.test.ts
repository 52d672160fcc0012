import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCanonicalBase64url } from './decode-canonical-base64url.js';

describe('decodeCanonicalBase64url (RFC 7515 §2)', () => {
  it('decodes canonical base64url without padding', () => {
    assert.deepEqual(decodeCanonicalBase64url('eyJ9'), new Uint8Array([0x7b, 0x22, 0x7d]));
    assert.deepEqual(decodeCanonicalBase64url('_-8'), new Uint8Array([0xff, 0xef]));
    assert.deepEqual(decodeCanonicalBase64url('AA'), new Uint8Array([0]));
  });

  const refused: [string, string][] = [
    ['empty', ''],
    ['padding', 'AA=='],
    ['standard alphabet +', 'a+b'],
    ['standard alphabet /', 'a/b'],
    ['whitespace', 'AA AA'],
    ['a newline', 'AAAA\n'],
    ['non-zero trailing bits (2 chars)', 'AB'],
    ['non-zero trailing bits (3 chars)', 'AAB'],
    ['an impossible length', 'AAAAA'],
    ['non-ASCII', 'AAé'],
  ];
  for (const [name, text] of refused) {
    it(`refuses ${name}`, () => {
      assert.equal(decodeCanonicalBase64url(text), null);
    });
  }
});
