import { WeakPasswordError } from '../errors.js';
import { isCommonPassword } from './common-passwords.js';
import { normalizePassword } from './normalize-password.js';

/** Fewest code points a new password may have, after NFKC (DESIGN §3.1; NIST SP 800-63B r3 §5.1.1.2). */
const minCodePoints = 8;
/** Most code points a new password may have, after NFKC (DESIGN §3.1). Argon2id itself has no limit. */
const maxCodePoints = 256;

/**
 * Longest raw string, in UTF-16 code units, that is normalized at all; anything longer is rejected
 * as too long without spending time on normalization (a 1 MB body must not cost a login worker).
 *
 * Why nothing longer can normalize down to `maxCodePoints`: NFKC is compatibility decomposition
 * (every code point becomes one or more, never zero), then canonical composition, which only merges
 * a run of code points into a character whose full canonical decomposition is that run. The longest
 * canonical decomposition in Unicode is 4 code points (NFD's maximum expansion factor, 4×, in the
 * Unicode normalization FAQ, unicode.org/faq/normalization.html; e.g. U+1FA2 ᾢ = ω + U+0313 + U+0300
 * + U+0345), and `check-new-password.test.ts` re-checks every code point against the running ICU.
 * So each output code point consumes at most 4 input code points, that is at most 8 UTF-16 code
 * units, and a raw string longer than 8 × 256 = 2048 code units always normalizes to more than 256
 * code points. We cut at twice that, 4096, as a margin for future Unicode versions.
 */
const maxRawUtf16CodeUnits = 16 * maxCodePoints;

/**
 * Applies the new-password policy and returns the NFKC-normalized password, the form to hash;
 * throws `WeakPasswordError` otherwise. Policy (DESIGN §3.1): 8 to 256 code points after NFKC, no
 * NUL, not on the common-password list (case-insensitive). Nothing is ever truncated.
 *
 * @example
 * const normalized = checkNewPassword(body.password); // throws WeakPasswordError for 'Password123'
 * const passwordHash = await hasher.hash(normalized);
 */
export function checkNewPassword(password: string): string {
  if (typeof password !== 'string') throw new TypeError('The password must be a string.');
  if (password.length > maxRawUtf16CodeUnits) throw tooLong();

  const normalized = normalizePassword(password);
  // C strings end at NUL, so any C-based tool or library that ever handles the password would
  // silently drop what follows it. NFKC neither creates nor removes U+0000.
  if (normalized.includes('\0')) {
    throw new WeakPasswordError('The password must not contain a NUL character.');
  }
  // A lone surrogate is not a Unicode character: the string would be hashed as its UTF-8
  // replacement (U+FFFD), so two different passwords would share a hash.
  if (loneSurrogate.test(normalized)) {
    throw new WeakPasswordError('The password contains an invalid character.');
  }
  const codePoints = countCodePoints(normalized);
  if (codePoints < minCodePoints) {
    throw new WeakPasswordError(`The password must be at least ${minCodePoints} characters long.`);
  }
  if (codePoints > maxCodePoints) throw tooLong();
  if (isCommonPassword(normalized)) {
    throw new WeakPasswordError('This password is too common. Choose one that is harder to guess.');
  }
  return normalized;
}

// With the `u` flag a well-formed surrogate pair is one code point, so only unpaired halves match.
const loneSurrogate = /\p{Surrogate}/u;

function tooLong(): WeakPasswordError {
  return new WeakPasswordError(`The password must be at most ${maxCodePoints} characters long.`);
}

// Code points, not UTF-16 code units: an emoji outside the BMP counts as one.
function countCodePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1) count++;
  return count;
}
