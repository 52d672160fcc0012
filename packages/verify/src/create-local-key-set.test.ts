import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, generateSecret, type JWK } from 'jose';
import { createLocalKeySet } from './create-local-key-set.js';

const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'ed', alg: 'EdDSA', use: 'sig' };
const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'ed', alg: 'EdDSA' };
const es = await generateKeyPair('ES256', { extractable: true });
const esJwk: JWK = { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' };
const octJwk: JWK = {
  ...(await exportJWK(await generateSecret('HS256', { extractable: true }))),
  kid: 'hs',
  alg: 'HS256',
};

describe('createLocalKeySet', () => {
  it('resolves each kid to its imported key, pinned to its alg', async () => {
    const keys = createLocalKeySet({ keys: [publicJwk, esJwk] });
    const ed = await keys('ed');
    assert.equal(ed?.alg, 'EdDSA');
    assert.equal(ed.kid, 'ed');
    assert.equal((ed.key as CryptoKey).type, 'public');
    assert.equal((await keys('es'))?.alg, 'ES256');
  });

  it('answers the same keys synchronously with findKey, complete as soon as it is created', async () => {
    const keys = createLocalKeySet({ keys: [publicJwk, esJwk] });
    assert.equal(keys.findKey('ed'), await keys('ed'));
    assert.equal(keys.findKey('es')?.alg, 'ES256');
    assert.equal(keys.findKey('nope'), null);
    assert.equal(keys.findKey('__proto__'), null);
  });

  it('resolves an unknown kid to null', async () => {
    const keys = createLocalKeySet({ keys: [publicJwk] });
    assert.equal(await keys('nope'), null);
    assert.equal(await keys('__proto__'), null);
  });

  it('refuses a private key with TypeError', () => {
    assert.throws(() => createLocalKeySet({ keys: [privateJwk] }), TypeError);
    assert.throws(() => createLocalKeySet({ keys: [publicJwk, { ...esJwk, d: 'AA' }] }), TypeError);
  });

  it('refuses an oct key unless allowSymmetric, and then only for HS256', async () => {
    assert.throws(() => createLocalKeySet({ keys: [octJwk] }), /allowSymmetric/);
    const keys = createLocalKeySet({ keys: [octJwk] }, { allowSymmetric: true });
    const hs = await keys('hs');
    assert.ok(hs?.key instanceof Uint8Array);
    assert.throws(
      () => createLocalKeySet({ keys: [{ ...octJwk, alg: 'EdDSA' }] }, { allowSymmetric: true }),
      TypeError,
    );
  });

  // Issue 11 (12g): RFC 7518 §3.2, a key of the same size as the hash output or larger MUST be used.
  it('refuses an HS256 key shorter than 256 bits with TypeError, even with allowSymmetric', () => {
    const withBytes = (length: number): JWK => ({
      ...octJwk,
      k: Buffer.alloc(length, 7).toString('base64url'),
    });
    for (const length of [1, 16, 31]) {
      assert.throws(
        () => createLocalKeySet({ keys: [withBytes(length)] }, { allowSymmetric: true }),
        (error: unknown) => error instanceof TypeError && /256 bits/.test(error.message),
        `${length} bytes`,
      );
    }
    assert.equal(
      createLocalKeySet({ keys: [withBytes(32)] }, { allowSymmetric: true }).findKey('hs')?.alg,
      'HS256',
    );
  });

  const invalid: [string, unknown][] = [
    ['no kid', { ...publicJwk, kid: undefined }],
    ['an empty kid', { ...publicJwk, kid: '' }],
    ['no alg', { ...publicJwk, alg: undefined }],
    ['an alg that is not ours', { ...publicJwk, alg: 'PS256' }],
    ['alg none', { ...publicJwk, alg: 'none' }],
    ['use "enc"', { ...publicJwk, use: 'enc' }],
    ['key_ops without verify', { ...publicJwk, key_ops: ['encrypt'] }],
    ['a key type that does not match its alg', { ...publicJwk, alg: 'ES256' }],
    ['a broken public key', { ...publicJwk, x: 'AAAA' }],
    ['an Ed448 key for EdDSA', { ...publicJwk, crv: 'Ed448' }],
    ['a P-384 key for ES256', { ...esJwk, crv: 'P-384' }],
    ['not an object', 'ed'],
  ];
  for (const [name, jwk] of invalid) {
    it(`refuses a JWK with ${name} (TypeError at setup)`, () => {
      assert.throws(() => createLocalKeySet({ keys: [jwk] }), TypeError);
    });
  }

  it('refuses an RSA key shorter than 2048 bits (RFC 7518 §3.3)', () => {
    const { publicKey: small } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = { ...small.export({ format: 'jwk' }), kid: 'rs', alg: 'RS256' };
    assert.throws(() => createLocalKeySet({ keys: [jwk] }), TypeError);
  });

  it('refuses two keys with the same kid', () => {
    assert.throws(() => createLocalKeySet({ keys: [publicJwk, { ...esJwk, kid: 'ed' }] }), /share the kid/);
  });

  it('refuses something that is not a JWK set', () => {
    assert.throws(() => createLocalKeySet(null as unknown as { keys: unknown[] }), TypeError);
    assert.throws(() => createLocalKeySet({ keys: {} } as unknown as { keys: unknown[] }), TypeError);
    assert.throws(
      () => createLocalKeySet({ keys: [] }, { allowSymmetric: 'yes' as unknown as boolean }),
      TypeError,
    );
  });
});
