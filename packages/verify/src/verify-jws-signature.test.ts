import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importJWK, type JWK } from 'jose';
import type { SigningAlgorithm } from './access-token-claims.js';
import { InvalidTokenError } from './access-token-error.js';
import type { VerificationKey } from './verification-key.js';
import { verifyJwsSignature } from './verify-jws-signature.js';

interface PositiveVector {
  id: string;
  name: string;
  source: string;
  alg: SigningAlgorithm;
  jwk: JWK;
  jws: string;
  payload: string;
}

interface NegativeVector {
  name: string;
  source: string;
  reason: string;
  key: string;
  jws: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/jws-rfc.json', import.meta.url), 'utf8'),
) as {
  positive: PositiveVector[];
  negative: NegativeVector[];
  skipped: { source: string; reason: string }[];
};

async function keyOf(vector: PositiveVector): Promise<VerificationKey> {
  return { kid: vector.id, alg: vector.alg, key: await importJWK(vector.jwk, vector.alg) };
}

/** Changes one byte of a segment's decoded value and re-encodes it canonically. */
function withOneByteChanged(jws: string, segment: 1 | 2): string {
  const parts = jws.split('.');
  const bytes = Buffer.from(parts[segment]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}

const hmacKey: VerificationKey = { kid: 'k', alg: 'HS256', key: new Uint8Array(32).fill(7) };

/** Signs by hand (jose rightly refuses to sign some of these headers). */
function signHmac(header: Record<string, unknown>, payload = '{"a":1}'): Promise<string> {
  const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', ...header })).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  const signature = createHmac('sha256', hmacKey.key as Uint8Array)
    .update(input)
    .digest('base64url');
  return Promise.resolve(`${input}.${signature}`);
}

describe('verifyJwsSignature: published vectors (test/vectors/jws-rfc.json)', () => {
  it('holds at least one vector of each algorithm we sign with', () => {
    const algs = new Set(vectors.positive.map((vector) => vector.alg));
    assert.deepEqual([...algs].sort(), ['ES256', 'EdDSA', 'HS256', 'RS256']);
    assert.ok(vectors.skipped.every((entry) => entry.reason !== ''));
  });

  for (const vector of vectors.positive) {
    describe(`${vector.source}: ${vector.name}`, () => {
      it('verifies with the published key and returns the payload', async () => {
        const { header, payload } = await verifyJwsSignature(vector.jws, await keyOf(vector));
        assert.equal(header.alg, vector.alg);
        assert.equal(new TextDecoder().decode(payload), vector.payload);
      });

      it('fails when one byte of the payload changes', async () => {
        await assert.rejects(
          verifyJwsSignature(withOneByteChanged(vector.jws, 1), await keyOf(vector)),
          InvalidTokenError,
        );
      });

      it('fails when one byte of the signature changes', async () => {
        await assert.rejects(
          verifyJwsSignature(withOneByteChanged(vector.jws, 2), await keyOf(vector)),
          InvalidTokenError,
        );
      });
    });
  }

  for (const vector of vectors.negative) {
    it(`refuses ${vector.source}: ${vector.name} (${vector.reason})`, async () => {
      const positive = vectors.positive.find((candidate) => candidate.id === vector.key);
      assert.ok(positive, `unknown key ${vector.key}`);
      await assert.rejects(verifyJwsSignature(vector.jws, await keyOf(positive)), InvalidTokenError);
    });
  }
});

describe('verifyJwsSignature: generic rules', () => {
  it('verifies a plain HS256 JWS', async () => {
    const { header, payload } = await verifyJwsSignature(await signHmac({}), hmacKey);
    assert.equal(header.alg, 'HS256');
    assert.equal(new TextDecoder().decode(payload), '{"a":1}');
  });

  for (const member of ['jwk', 'jku', 'x5u', 'x5c']) {
    it(`refuses a "${member}" header member even though the signature verifies`, async () => {
      const value =
        member === 'x5c' ? ['MIIB'] : member === 'jwk' ? { kty: 'oct', k: 'AA' } : 'https://evil.example';
      await assert.rejects(
        verifyJwsSignature(await signHmac({ [member]: value }), hmacKey),
        InvalidTokenError,
      );
    });
  }

  it('refuses crit, even naming a parameter that is present (RFC 7515 §4.1.11)', async () => {
    await assert.rejects(
      verifyJwsSignature(await signHmac({ crit: ['exp'], exp: 1 }), hmacKey),
      InvalidTokenError,
    );
  });

  it('refuses b64, even b64: true (RFC 7797 §3)', async () => {
    const token = await signHmac({ b64: true, crit: ['b64'] });
    await assert.rejects(verifyJwsSignature(token, hmacKey), InvalidTokenError);
  });

  it('refuses a header alg that is not the key alg', async () => {
    const token = await signHmac({});
    const other = {
      kid: 'e',
      alg: 'EdDSA' as const,
      key: await importJWK(vectors.positive[3]!.jwk, 'EdDSA'),
    };
    await assert.rejects(verifyJwsSignature(token, other), InvalidTokenError);
  });

  it('refuses a header that is not a JSON object', async () => {
    for (const header of ['[]', 'null', '"HS256"', '{"alg":"HS256"']) {
      const token = `${Buffer.from(header).toString('base64url')}.e30.AAAA`;
      await assert.rejects(verifyJwsSignature(token, hmacKey), InvalidTokenError);
    }
  });

  it('refuses a header whose UTF-8 is invalid', async () => {
    const header = Buffer.concat([
      Buffer.from('{"alg":"HS256","x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    await assert.rejects(
      verifyJwsSignature(`${header.toString('base64url')}.e30.AAAA`, hmacKey),
      InvalidTokenError,
    );
  });

  it('throws TypeError at the call for an unusable key', () => {
    const token = 'a.b.c';
    assert.throws(() => void verifyJwsSignature(token, null as unknown as VerificationKey), TypeError);
    assert.throws(
      () => void verifyJwsSignature(token, { kid: 'k', alg: 'PS256' } as unknown as VerificationKey),
      TypeError,
    );
    assert.throws(
      () => void verifyJwsSignature(token, { kid: 'k', alg: 'EdDSA', key: new Uint8Array(32) }),
      TypeError,
    );
    assert.throws(
      () => void verifyJwsSignature(token, { kid: '', alg: 'HS256', key: new Uint8Array(32) }),
      TypeError,
    );
  });

  it('refuses a private key: verifiers never hold one', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ed25519');
    assert.throws(
      () => void verifyJwsSignature('a.b.c', { kid: 'k', alg: 'EdDSA', key: privateKey }),
      TypeError,
    );
  });
});
