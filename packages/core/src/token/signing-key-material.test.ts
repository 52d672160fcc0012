import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importSigningJwk } from './signing-key-material.js';

describe('importSigningJwk', () => {
  // Issue 11 (12g): TESSERA_SIGNING_KEYS follows RFC 7518 §3.2 like the verifier's key sets.
  it('refuses an HS256 key shorter than 256 bits, and takes one of 256', async () => {
    const withBytes = (length: number) => ({
      kty: 'oct',
      kid: 'hs',
      alg: 'HS256',
      k: Buffer.alloc(length, 7).toString('base64url'),
    });
    for (const length of [0, 16, 31]) {
      await assert.rejects(importSigningJwk(withBytes(length)), /at least 256 bits/, `${length} bytes`);
    }
    const material = await importSigningJwk(withBytes(32));
    assert.equal(material.alg, 'HS256');
    assert.equal(material.publicJwk, null, 'an HMAC key is never published');
  });
});
