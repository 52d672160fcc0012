import { Secret, TOTP } from 'otpauth';
import type { RandomBytes } from '../random.js';

/** RFC 6238 parameters every authenticator app supports (DESIGN §9): SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock off by up to 30 s, or a code typed as it changed. */
const WINDOW = 1;
/** 160 bits: the HMAC-SHA-1 key length RFC 4226 §4 recommends. */
const SECRET_BYTES = 20;
const CODE_PATTERN = /^[0-9]{6}$/;

/**
 * A new TOTP secret from the CSPRNG, base32 (RFC 4648) as authenticator apps take it.
 *
 * @example
 * const secret = generateTotpSecret(cryptoRandomBytes); // 'JBSWY3DPEHPK3PXP…'
 */
export function generateTotpSecret(randomBytes: RandomBytes): string {
  // Hex, not `.buffer`: a small Buffer's ArrayBuffer is Node's shared pool, far more than 20 bytes.
  return Secret.fromHex(Buffer.from(randomBytes(SECRET_BYTES)).toString('hex')).base32;
}

/**
 * The `otpauth://totp/…` URI an authenticator app reads from a QR code.
 *
 * @example
 * buildOtpauthUrl({ secret, issuer: 'auth.example.com', accountName: 'ada@example.com' });
 */
export function buildOtpauthUrl(input: { secret: string; issuer: string; accountName: string }): string {
  return createTotp(input.secret, input.issuer, input.accountName).toString();
}

/**
 * The RFC 6238 time step of `code` if it is the code of `secret` at `now`, one step either side;
 * else `null`. A malformed code (not 6 digits) is simply not a match.
 *
 * @example
 * const step = findTotpStep(secret, '287082', now); // 37037036, or null
 */
export function findTotpStep(secret: string, code: string, now: Date): number | null {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) return null;
  const delta = createTotp(secret, 'tessera', 'user').validate({
    token: code,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/**
 * The code of `secret` at `now` (for tests and tools; the server only checks codes).
 *
 * @example
 * generateTotpCode(secret, new Date()); // '287082'
 */
export function generateTotpCode(secret: string, now: Date): string {
  return createTotp(secret, 'tessera', 'user').generate({ timestamp: now.getTime() });
}

function createTotp(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}
