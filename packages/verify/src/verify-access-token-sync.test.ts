// verifyAccessTokenSync must be verifyAccessToken without the promise: the same attack vectors
// (test/vectors/access-token-attacks.json, unchanged) give the same codes, through the sync entry
// point and through both entry points with a cache that holds the genuine token.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CompactSign, exportJWK, generateKeyPair, generateSecret, type JWK } from 'jose';
import type { SigningAlgorithm } from './access-token-claims.js';
import { AccessTokenError, InvalidTokenError, SessionRevokedError } from './access-token-error.js';
import { createLocalKeySet } from './create-local-key-set.js';
import type { KeyLookup } from './key-lookup.js';
import { RevocationSet } from './revocation-set.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import { verifyAccessToken } from './verify-access-token.js';
import { verifyAccessTokenSync } from './verify-access-token-sync.js';

interface VectorFile {
  testOnlyKeys: { signing: { kid: string; kty: string; crv: string; x: string } };
  issuer: string;
  audience: string;
  currentDate: string;
  claims: { sid: string };
  controls: { name: string; token: string }[];
  cases: { name: string; expectedCode: string; token: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../test/vectors/access-token-attacks.json', import.meta.url), 'utf8'),
) as VectorFile;
const { kid, kty, crv, x } = vectors.testOnlyKeys.signing;
const vectorKeys = createLocalKeySet({ keys: [{ kid, kty, crv, x, alg: 'EdDSA', use: 'sig' }] });
const vectorOptions = {
  issuer: vectors.issuer,
  audience: vectors.audience,
  currentDate: new Date(vectors.currentDate),
};

function codeOf(verifyOnce: () => unknown): string {
  try {
    verifyOnce();
  } catch (error) {
    assert.ok(error instanceof AccessTokenError, `not an AccessTokenError: ${String(error)}`);
    return error.code;
  }
  return 'accepted';
}

describe('verifyAccessTokenSync: the attack vectors (test/vectors/access-token-attacks.json)', () => {
  const options = { ...vectorOptions, keys: vectorKeys.findKey };
  for (const entry of vectors.controls) {
    it(`control: ${entry.name} verifies`, () => {
      assert.equal(verifyAccessTokenSync(entry.token, options).sid, vectors.claims.sid);
    });
  }
  for (const entry of vectors.cases) {
    it(`refuses ${entry.name} with ${entry.expectedCode}`, () => {
      assert.equal(
        codeOf(() => verifyAccessTokenSync(entry.token, options)),
        entry.expectedCode,
      );
    });
  }
});

describe('the attack vectors with a cache that holds the genuine token', () => {
  const genuine = vectors.controls[0]!.token;
  it('refuses every attack with its code, through both entry points', async () => {
    const cache = new VerifiedTokenCache();
    const syncOptions = { ...vectorOptions, keys: vectorKeys.findKey, cache };
    const asyncOptions = { ...vectorOptions, keys: vectorKeys, cache };
    verifyAccessTokenSync(genuine, syncOptions);
    await verifyAccessToken(genuine, asyncOptions);
    assert.equal(cache.size, 1);
    for (const entry of vectors.cases) {
      // Twice each: a refused token must not be stored by its first attempt.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        assert.equal(
          codeOf(() => verifyAccessTokenSync(entry.token, syncOptions)),
          entry.expectedCode,
        );
        await assert.rejects(verifyAccessToken(entry.token, asyncOptions), (error: unknown) => {
          assert.ok(error instanceof AccessTokenError);
          assert.equal(error.code, entry.expectedCode, entry.name);
          return true;
        });
      }
    }
    assert.equal(cache.size, 1);
  });
});

describe('verifyAccessTokenSync', () => {
  const issuer = 'https://auth.example.com';
  const audience = 'https://api.example.com';
  const currentDate = new Date('2025-06-01T12:00:00Z');
  const now = currentDate.getTime() / 1000;
  const claims = {
    iss: issuer,
    aud: audience,
    sub: 'usr_1',
    sid: 'ses_1',
    iat: now,
    exp: now + 900,
    jti: 'j',
    roles: ['user'],
  };

  for (const alg of ['EdDSA', 'ES256', 'RS256', 'HS256'] as const) {
    it(`verifies ${alg} and answers exactly what verifyAccessToken answers`, async () => {
      const { privateKey, jwk } = await createKeyPair(alg);
      const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg, typ: 'at+jwt', kid: 'k' })
        .sign(privateKey);
      const keys = createLocalKeySet({ keys: [jwk] }, { allowSymmetric: alg === 'HS256' });
      const sync = verifyAccessTokenSync(token, { keys: keys.findKey, issuer, audience, currentDate });
      assert.deepEqual(sync, await verifyAccessToken(token, { keys, issuer, audience, currentDate }));
      assert.deepEqual(sync, claims);
    });
  }

  it('throws instead of rejecting, and refuses a revoked session', async () => {
    const { privateKey, jwk } = await createKeyPair('EdDSA');
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k' })
      .sign(privateKey);
    const revocations = RevocationSet.local();
    revocations.add('ses_1', new Date(currentDate.getTime() + 60_000));
    const keys = createLocalKeySet({ keys: [jwk] }).findKey;
    assert.throws(
      () => verifyAccessTokenSync(token, { keys, issuer, audience, currentDate, revocations }),
      SessionRevokedError,
    );
    assert.throws(() => verifyAccessTokenSync('a.b.c', { keys, issuer, audience }), InvalidTokenError);
  });

  it('throws TypeError for bad options and for a lookup that answers neither a key nor null', () => {
    const keys = createLocalKeySet({ keys: [] }).findKey;
    const genuine = vectors.controls[0]!.token;
    assert.throws(
      () => verifyAccessTokenSync('a.b.c', { keys: {} as KeyLookup, issuer, audience }),
      TypeError,
    );
    assert.throws(() => verifyAccessTokenSync('a.b.c', { keys, issuer: '', audience }), TypeError);
    const broken = (() => undefined) as unknown as KeyLookup;
    assert.throws(() => verifyAccessTokenSync(genuine, { ...vectorOptions, keys: broken }), TypeError);
  });
});

async function createKeyPair(alg: SigningAlgorithm): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  if (alg === 'HS256') {
    const secret = await generateSecret('HS256', { extractable: true });
    return { privateKey: secret, jwk: { ...(await exportJWK(secret)), kid: 'k', alg } };
  }
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k', alg } };
}
