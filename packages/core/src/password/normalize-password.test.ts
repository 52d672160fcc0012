import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePassword } from './normalize-password.js';

describe('normalizePassword', () => {
  it('expands the ﬁ ligature (U+FB01) to "fi"', () => {
    assert.equal(normalizePassword('\uFB01sh'), 'fish');
  });

  it('folds full-width letters and digits to ASCII', () => {
    assert.equal(normalizePassword('ｐａｓｓｗｏｒｄ１'), 'password1');
  });

  it('gives composed and decomposed é the same form', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    assert.notEqual(composed, decomposed);
    assert.equal(normalizePassword(composed), normalizePassword(decomposed));
    assert.equal(normalizePassword(decomposed), 'caf\u00e9');
  });

  it('is idempotent', () => {
    const once = normalizePassword('Ｓｔｒａßｅ \uFB01 e\u0301 ①');
    assert.equal(normalizePassword(once), once);
  });

  it('leaves ASCII, spaces, NUL and emoji alone (the policy, not normalization, decides on them)', () => {
    for (const password of ['correct horse battery staple', 'a\0b', '🔒🔑', '  spaced  ']) {
      assert.equal(normalizePassword(password), password);
    }
  });

  it('throws TypeError for a non-string (a caller bug)', () => {
    assert.throws(() => normalizePassword(undefined as unknown as string), TypeError);
    assert.throws(() => normalizePassword(42 as unknown as string), TypeError);
  });
});
