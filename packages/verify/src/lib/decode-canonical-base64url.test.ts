import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCanonicalBase64url } from './decode-canonical-base64url.js';

describe('decodeCanonicalBase64url (RFC 7515 §2)', () => {
  it('decodes canonical base64url without padding', () => {
    const bytesOf = (text: string): Uint8Array | null => {
      const decoded = decodeCanonicalBase64url(text);
      return decoded === null ? null : Uint8Array.from(decoded);
    };
    assert.deepEqual(bytesOf('eyJ9'), new Uint8Array([0x7b, 0x22, 0x7d]));
    assert.deepEqual(bytesOf('_-8'), new Uint8Array([0xff, 0xef]));
    assert.deepEqual(bytesOf('AA'), new Uint8Array([0]));
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

describe('decodeCanonicalBase64url agrees with the plain definition', () => {
  /** The definition: only base64url characters, and re-encoding the bytes gives the text back. */
  function byDefinition(text: string): Uint8Array | null {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
    const bytes = Buffer.from(text, 'base64url');
    return bytes.toString('base64url') === text ? bytes : null;
  }

  it('on 20,000 generated texts: canonical encodings, one character changed, and random characters', () => {
    // A fixed linear congruential generator: the same texts on every run.
    let seed = 0x2545f491;
    const next = (below: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % below;
    };
    const strange = ['+', '/', '=', ' ', '\n', '.', 'é', '\u0000', '*', '€', '\ud83d', 'A', '-', '_'];
    for (let round = 0; round < 20_000; round += 1) {
      const bytes = Buffer.from(Array.from({ length: next(10) }, () => next(256)));
      let text = bytes.toString('base64url');
      if (round % 3 === 1) {
        const at = next(text.length + 1);
        text = text.slice(0, at) + strange[next(strange.length)]! + text.slice(at + next(2));
      } else if (round % 3 === 2) {
        text = Array.from({ length: next(9) }, () => strange[next(strange.length)]!).join('');
      }
      assert.deepEqual(decodeCanonicalBase64url(text), byDefinition(text), JSON.stringify(text));
    }
  });
});
