import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTotpStep, generateTotpCode, generateTotpSecret, buildOtpauthUrl } from './totp-code.js';

// RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890"; the RFC's
// codes have 8 digits, ours 6 (HOTP truncation is `bin mod 10^digits`: the last 6 of the 8).
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_6238_SHA1 = [
  { seconds: 59, code: '94287082' },
  { seconds: 1111111109, code: '07081804' },
  { seconds: 1111111111, code: '14050471' },
  { seconds: 1234567890, code: '89005924' },
  { seconds: 2000000000, code: '69279037' },
  { seconds: 20000000000, code: '65353130' },
];

describe('TOTP codes (RFC 6238)', () => {
  it('generates the RFC 6238 Appendix B SHA-1 codes (6-digit form)', () => {
    for (const { seconds, code } of RFC_6238_SHA1) {
      assert.equal(
        generateTotpCode(RFC_SEED_BASE32, new Date(seconds * 1000)),
        code.slice(2),
        String(seconds),
      );
    }
  });

  it('accepts each vector at its time and gives its time step', () => {
    for (const { seconds, code } of RFC_6238_SHA1) {
      assert.equal(
        findTotpStep(RFC_SEED_BASE32, code.slice(2), new Date(seconds * 1000)),
        Math.floor(seconds / 30),
      );
    }
  });

  it('accepts one step either side, not two', () => {
    const at = new Date(1111111111 * 1000);
    const code = '050471';
    const step = Math.floor(1111111111 / 30);
    assert.equal(findTotpStep(RFC_SEED_BASE32, code, new Date(at.getTime() + 30_000)), step);
    assert.equal(findTotpStep(RFC_SEED_BASE32, code, new Date(at.getTime() - 30_000)), step);
    assert.equal(findTotpStep(RFC_SEED_BASE32, code, new Date(at.getTime() + 60_000)), null);
    assert.equal(findTotpStep(RFC_SEED_BASE32, code, new Date(at.getTime() - 60_000)), null);
  });

  it('refuses malformed codes without throwing (ours, negative)', () => {
    const at = new Date(59_000);
    for (const code of ['', '28708', '2870820', '28708a', ' 287082', '２８７０８２', '-87082']) {
      assert.equal(findTotpStep(RFC_SEED_BASE32, code, at), null, JSON.stringify(code));
    }
  });

  it('makes 160-bit base32 secrets and an otpauth URL that names them', () => {
    const secret = generateTotpSecret((size) => new Uint8Array(size).fill(7));
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const url = new URL(
      buildOtpauthUrl({ secret, issuer: 'auth.example.com', accountName: 'ada@example.com' }),
    );
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.searchParams.get('secret'), secret);
    assert.equal(url.searchParams.get('issuer'), 'auth.example.com');
    assert.equal(url.searchParams.get('algorithm'), 'SHA1');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
  });
});
