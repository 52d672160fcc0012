import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashScryptForImport } from './hash-scrypt-for-import.js';
import { parseScryptHash } from './lib/scrypt-hash.js';
import { verifyScryptHash } from './lib/verify-scrypt-hash.js';

const scryptHashFormat = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

describe('hashScryptForImport', () => {
  it('produces $scrypt$ln=…,r=…,p=…$<salt>$<key> with a 16-byte salt and a 32-byte key', async () => {
    const passwordHash = await hashScryptForImport('correct horse battery', { ln: 10, r: 8, p: 1 });
    const match = scryptHashFormat.exec(passwordHash);
    assert.ok(match, passwordHash);
    assert.deepEqual(match.slice(1, 4), ['10', '8', '1']);
    assert.equal(Buffer.from(match[4]!, 'base64').length, 16);
    assert.equal(Buffer.from(match[5]!, 'base64').length, 32);
    assert.ok(!match[4]!.endsWith('=') && !match[5]!.endsWith('='), 'no base64 padding');
  });

  it('computes standard scrypt (cross-checked with node:crypto scryptSync)', async () => {
    const salt = Buffer.alloc(16, 7);
    const passwordHash = await hashScryptForImport(
      'correct horse battery',
      { ln: 10, r: 8, p: 2 },
      () => salt,
    );
    const expectedKey = scryptSync('correct horse battery', salt, 32, { N: 1024, r: 8, p: 2 });
    assert.equal(
      passwordHash,
      `$scrypt$ln=10,r=8,p=2$${salt.toString('base64').replace(/=+$/, '')}$${expectedKey.toString('base64').replace(/=+$/, '')}`,
    );
  });

  it('hashes the NFKC-normalized password', async () => {
    const passwordHash = await hashScryptForImport('cafe\u0301 society', { ln: 10, r: 8, p: 1 });
    assert.equal(await verifyScryptHash(passwordHash, 'caf\u00e9 society'), true);
  });

  it('uses a fresh salt each time', async () => {
    const [first, second] = await Promise.all([
      hashScryptForImport('same password', { ln: 10, r: 8, p: 1 }),
      hashScryptForImport('same password', { ln: 10, r: 8, p: 1 }),
    ]);
    assert.notEqual(first, second);
  });

  it('refuses unsupported parameters with TypeError', async () => {
    const bad = [
      { ln: 0, r: 8, p: 1 },
      { ln: 25, r: 8, p: 1 },
      { ln: 10.5, r: 8, p: 1 },
      { ln: 10, r: 0, p: 1 },
      { ln: 10, r: 33, p: 1 },
      { ln: 10, r: 8, p: 0 },
      { ln: 10, r: 8, p: 17 },
      { ln: 20, r: 8, p: 1 }, // 1 GiB of memory
      { ln: Number.NaN, r: 8, p: 1 },
    ];
    for (const parameters of bad) {
      await assert.rejects(
        hashScryptForImport('password', parameters),
        TypeError,
        JSON.stringify(parameters),
      );
    }
    await assert.rejects(hashScryptForImport(7 as unknown as string, { ln: 10, r: 8, p: 1 }), TypeError);
  });
});

describe('scrypt hashes from other implementations', () => {
  // RFC 7914 §12, fourth vector: P="pleaseletmein", S="SodiumChloride", N=16384, r=8, p=1, dkLen=64.
  const rfc7914 =
    '$scrypt$ln=14,r=8,p=1$' +
    Buffer.from('SodiumChloride').toString('base64').replace(/=+$/, '') +
    '$' +
    Buffer.from(
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
        'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
      'hex',
    )
      .toString('base64')
      .replace(/=+$/, '');
  // Passlib 1.7 documentation, passlib.hash.scrypt: scrypt.using(rounds=8).hash("password").
  const passlib = '$scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ';

  it('verifies the RFC 7914 test vector', async () => {
    assert.equal(await verifyScryptHash(rfc7914, 'pleaseletmein'), true);
    assert.equal(await verifyScryptHash(rfc7914, 'pleaseletmeIn'), false);
  });

  it("verifies passlib's documented example", async () => {
    assert.equal(await verifyScryptHash(passlib, 'password'), true);
    assert.equal(await verifyScryptHash(passlib, 'wrong'), false);
  });
});

describe('parseScryptHash (ours, negative)', () => {
  const salt = 'WKs1xljLudd6z9kbY0wpJQ';
  const key = 'yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ';
  const malformed = [
    '',
    '$scrypt$',
    `$scrypt$ln=8,r=8$${salt}$${key}`,
    `$scrypt$r=8,ln=8,p=1$${salt}$${key}`,
    `$scrypt$ln=08,r=8,p=1$${salt}$${key}`,
    `$scrypt$ln=99,r=8,p=1$${salt}$${key}`,
    `$scrypt$ln=8,r=8,p=99$${salt}$${key}`,
    `$scrypt$ln=8,r=8,p=1$${salt}==$${key}`,
    `$scrypt$ln=8,r=8,p=1$${salt}$${key}=`,
    `$scrypt$ln=8,r=8,p=1$${salt.slice(0, -1)}R$${key}`, // non-canonical trailing bits
    `$scrypt$ln=8,r=8,p=1$c2FsdA$${key}`, // 4-byte salt
    `$scrypt$ln=8,r=8,p=1$${salt}$c2hvcnQ`, // 5-byte key
    `$scrypt$ln=8,r=8,p=1$${salt}$${key}$extra`,
    `$scrypt$ln=8,r=8,p=1$${salt}-$${key}`,
    ` $scrypt$ln=8,r=8,p=1$${salt}$${key}`,
  ];
  for (const passwordHash of malformed) {
    it(`rejects ${JSON.stringify(passwordHash)}`, () => {
      assert.equal(parseScryptHash(passwordHash), null);
    });
  }

  it('accepts the well-formed original', () => {
    assert.notEqual(parseScryptHash(`$scrypt$ln=8,r=8,p=1$${salt}$${key}`), null);
  });
});
