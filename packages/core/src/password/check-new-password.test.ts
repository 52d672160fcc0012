import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WeakPasswordError } from '../errors.js';
import { checkNewPassword } from './check-new-password.js';

/** Asserts a WeakPasswordError whose message matches `pattern` and does not echo the password. */
function assertWeak(password: string, pattern: RegExp): void {
  assert.throws(
    () => checkNewPassword(password),
    (error: unknown) => {
      assert.ok(error instanceof WeakPasswordError);
      assert.equal(error.code, 'ERR_WEAK_PASSWORD');
      assert.match(error.message, pattern);
      // A password made only of letters (e.g. "password") may be an ordinary word of the message.
      if (password.length >= 4 && !/^[a-z]+$/i.test(password)) {
        assert.ok(!error.message.includes(password), 'message echoes the password');
      }
      return true;
    },
  );
}

// ω + combining psili + varia + ypogegrammeni: 4 code units that NFKC composes into one, U+1FA2.
const fourToOne = '\u03c9\u0313\u0300\u0345';

describe('checkNewPassword', () => {
  it('returns the NFKC-normalized password', () => {
    assert.equal(checkNewPassword('ｃｏｒｒｅｃｔ ｈｏｒｓｅ 7'), 'correct horse 7');
    assert.equal(checkNewPassword('cafe\u0301 society 42'), 'caf\u00e9 society 42');
  });

  describe('length, in code points after NFKC', () => {
    it('refuses 7 code points', () => {
      assertWeak('xk7#Qp2', /at least 8 characters/);
    });

    it('accepts 8 code points', () => {
      assert.equal(checkNewPassword('xk7#Qp2v'), 'xk7#Qp2v');
    });

    it('counts length after normalization: 7 decomposed characters are 7, not 14', () => {
      assertWeak('e\u0301'.repeat(7), /at least 8 characters/);
    });

    it('counts an emoji as one code point: 8 emoji pass, 7 do not', () => {
      const eight = '😀🎉🔒🌍🚀🍕🐱🎸';
      assert.equal(eight.length, 16, 'UTF-16 code units');
      assert.equal(checkNewPassword(eight), eight);
      assertWeak('😀🎉🔒🌍🚀🍕🐱', /at least 8 characters/);
    });

    it('accepts exactly 256 code points and refuses 257', () => {
      const pattern = 'aB3$';
      assert.equal(checkNewPassword(pattern.repeat(64)).length, 256);
      assertWeak(pattern.repeat(64) + 'x', /at most 256 characters/);
    });

    it('accepts 256 emoji (512 code units) and refuses 257', () => {
      assert.equal(checkNewPassword('🔒'.repeat(256)), '🔒'.repeat(256));
      assertWeak('🔒'.repeat(257), /at most 256 characters/);
    });

    it('accepts 1024 code units that compose to exactly 256 code points, refuses one more', () => {
      assert.equal(fourToOne.normalize('NFKC'), '\u1fa2');
      assert.equal(checkNewPassword(fourToOne.repeat(256)), '\u1fa2'.repeat(256));
      assertWeak(fourToOne.repeat(257), /at most 256 characters/);
    });

    it('refuses a 1 MB password fast, before normalizing it', () => {
      for (const huge of ['a'.repeat(1_000_000), 'e\u0301'.repeat(500_000), fourToOne.repeat(250_000)]) {
        const started = performance.now();
        assert.throws(() => checkNewPassword(huge), WeakPasswordError);
        // The one timing bound in this suite, deliberately generous (normalizing alone takes ~20 ms).
        const elapsedMs = performance.now() - started;
        assert.ok(elapsedMs < 50, `rejected in ${elapsedMs.toFixed(1)} ms`);
        assertWeak(huge, /at most 256 characters/);
      }
    });

    it('refuses strings just past the raw bound and just under it alike', () => {
      assertWeak('a'.repeat(4097), /at most 256 characters/);
      assertWeak('a'.repeat(4096), /at most 256 characters/);
    });

    it('rests on a fact the raw bound needs: no character decomposes into more than 4 code points', () => {
      // The bound in check-new-password.ts assumes NFKC composition merges at most 4 code points
      // into one (NFD expands at most 4×, per the Unicode normalization FAQ). Re-checked here.
      let longest = 0;
      for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
        const decomposed = String.fromCodePoint(codePoint).normalize('NFD');
        if (decomposed.length > 1) longest = Math.max(longest, Array.from(decomposed).length);
      }
      assert.ok(longest <= 4, `longest canonical decomposition: ${longest} code points`);
    });
  });

  describe('NUL and invalid characters', () => {
    it('refuses U+0000 anywhere', () => {
      for (const password of ['\0correct horse', 'correct\0horse', 'correct horse\0', '\0'.repeat(12)]) {
        assertWeak(password, /NUL/);
      }
    });

    it('refuses a lone surrogate (not a Unicode character)', () => {
      assertWeak('correct horse \ud800', /invalid character/);
      assertWeak('\udc00correct horse', /invalid character/);
    });
  });

  describe('no truncation', () => {
    it('keeps every character of a long password', () => {
      const long = 'Lorem ipsum dolor sit amet '.repeat(9).slice(0, 200);
      assert.equal(checkNewPassword(long), long);
      assert.equal(checkNewPassword(long.slice(0, 199) + '!'), long.slice(0, 199) + '!');
    });
  });

  describe('common passwords', () => {
    it('refuses common passwords in any case', () => {
      for (const password of [
        'PASSWORD1',
        'Password123',
        'password',
        'qwertyuiop',
        'ILoveYou1',
        '12345678',
      ]) {
        assertWeak(password, /too common/);
      }
    });

    it('refuses a common password typed with full-width letters', () => {
      assertWeak('ｐａｓｓｗｏｒｄ１', /too common/);
    });

    it('accepts a password that merely contains a common one', () => {
      assert.equal(checkNewPassword('password1 is not mine'), 'password1 is not mine');
    });
  });

  it('throws TypeError for a non-string (a caller bug, not a weak password)', () => {
    assert.throws(() => checkNewPassword(null as unknown as string), TypeError);
    assert.throws(() => checkNewPassword(['password'] as unknown as string), TypeError);
  });
});
