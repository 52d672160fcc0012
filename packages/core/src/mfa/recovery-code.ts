import { createHash } from 'node:crypto';
import type { RandomBytes } from '../random.js';

/** Crockford-like base32 without look-alikes (no 0/1/i/l/o/u): easy to read from paper. */
const ALPHABET = 'abcdefghjkmnpqrstvwxyz23456789';
/** 10 characters of a 30-letter alphabet: ~49 bits each, far beyond guessing within the login throttle. */
const CODE_LENGTH = 10;

/**
 * New recovery codes, `xxxxx-xxxxx`, from the CSPRNG (rejection sampling: no modulo bias).
 *
 * @example
 * generateRecoveryCodes(cryptoRandomBytes, 10); // ['k7m2p-x9qrt', …]
 */
export function generateRecoveryCodes(randomBytes: RandomBytes, count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    while (code.length < CODE_LENGTH) {
      for (const byte of randomBytes(16)) {
        // 240 = 8 × 30: bytes at or above it would favour the first letters.
        if (byte < 240 && code.length < CODE_LENGTH) code += ALPHABET.charAt(byte % ALPHABET.length);
      }
    }
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

/**
 * The stored form of a recovery code: SHA-256 (hex) of the code as typed, lower-cased, without
 * spaces or dashes. A plain hash suffices: the codes are long random strings, not passwords.
 *
 * @example
 * hashRecoveryCode('K7M2P-X9QRT') === hashRecoveryCode('k7m2px9qrt'); // true
 */
export function hashRecoveryCode(code: string): string {
  const normalized = code.toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normalized).digest('hex');
}

/**
 * Whether `code` could be a recovery code at all (checked before any store read).
 *
 * @example
 * isRecoveryCodeShaped('k7m2p-x9qrt'); // true
 */
export function isRecoveryCodeShaped(code: string): boolean {
  return (
    typeof code === 'string' &&
    code.length <= 64 &&
    /^[a-z2-9]{10}$/.test(code.toLowerCase().replace(/[\s-]/g, ''))
  );
}
