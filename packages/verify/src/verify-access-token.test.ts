import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompactSign, exportJWK, generateKeyPair, generateSecret, type JWK } from 'jose';
import type { SigningAlgorithm } from './access-token-claims.js';
import {
  InvalidTokenError,
  KeySetUnavailableError,
  RevocationFeedUnavailableError,
  SessionRevokedError,
  TokenExpiredError,
} from './access-token-error.js';
import { createLocalKeySet } from './create-local-key-set.js';
import type { KeyResolver } from './key-resolver.js';
import { RevocationSet } from './revocation-set.js';
import type { VerificationKey } from './verification-key.js';
import { verifyAccessToken, type VerifyAccessTokenOptions } from './verify-access-token.js';

const issuer = 'https://auth.example.com';
const audience = 'https://api.example.com';
const currentDate = new Date('2025-06-01T12:00:00Z');
const now = currentDate.getTime() / 1000;

const baseClaims = {
  iss: issuer,
  aud: audience,
  sub: 'usr_1',
  sid: 'ses_1',
  iat: now - 10,
  exp: now + 890,
  jti: 'atk_1',
  roles: ['user'],
};

interface Signer {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey | Uint8Array;
  keys: KeyResolver;
}

async function createSigner(alg: SigningAlgorithm, kid = `${alg}-key`): Promise<Signer> {
  if (alg === 'HS256') {
    const secret = await generateSecret('HS256', { extractable: true });
    const jwk = await exportJWK(secret);
    const keys = createLocalKeySet({ keys: [{ ...jwk, kid, alg }] }, { allowSymmetric: true });
    return { kid, alg, privateKey: secret, keys };
  }
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, keys: createLocalKeySet({ keys: [jwk] }) };
}

const signer = await createSigner('EdDSA');

async function mint(
  claims: Record<string, unknown> = baseClaims,
  header: Record<string, unknown> = {},
  by: Signer = signer,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: by.alg, typ: 'at+jwt', kid: by.kid, ...header })
    .sign(by.privateKey);
}

function options(changes: Partial<VerifyAccessTokenOptions> = {}): VerifyAccessTokenOptions {
  return { keys: signer.keys, issuer, audience, currentDate, ...changes };
}

describe('verifyAccessToken', () => {
  for (const alg of ['EdDSA', 'ES256', 'RS256', 'HS256'] as const) {
    it(`verifies a token signed with ${alg}`, async () => {
      const by = await createSigner(alg);
      const claims = await verifyAccessToken(await mint(baseClaims, {}, by), options({ keys: by.keys }));
      assert.equal(claims.sid, 'ses_1');
    });
  }

  it('returns exactly the typed claims: unknown ones dropped, aud as this audience, nbf when present', async () => {
    const token = await mint({
      ...baseClaims,
      aud: ['https://x.example', audience],
      nbf: now - 10,
      email: 'a@b.c',
    });
    assert.deepEqual(await verifyAccessToken(token, options()), { ...baseClaims, nbf: now - 10 });
    assert.deepEqual(await verifyAccessToken(await mint(), options()), baseClaims);
  });

  it('accepts an empty roles array', async () => {
    const claims = await verifyAccessToken(await mint({ ...baseClaims, roles: [] }), options());
    assert.deepEqual(claims.roles, []);
  });

  it('uses the real clock when no currentDate is given', async () => {
    const real = Math.floor(Date.now() / 1000);
    const token = await mint({ ...baseClaims, iat: real, exp: real + 900 });
    assert.equal((await verifyAccessToken(token, { keys: signer.keys, issuer, audience })).jti, 'atk_1');
  });

  it('applies the clock tolerance to exp: expired exactly at exp + tolerance', async () => {
    const token = await mint({ ...baseClaims, iat: now - 900, exp: now });
    await assert.rejects(verifyAccessToken(token, options({ clockToleranceSeconds: 0 })), TokenExpiredError);
    assert.ok(await verifyAccessToken(token, options({ clockToleranceSeconds: 1 })));
    const stale = await mint({ ...baseClaims, iat: now - 1000, exp: now - 100 });
    await assert.rejects(
      verifyAccessToken(stale, options({ clockToleranceSeconds: 100 })),
      TokenExpiredError,
    );
  });

  it('checks the signature before the claims: a forged expired token is invalid, not expired', async () => {
    const other = await createSigner('EdDSA', signer.kid);
    const forged = await mint({ ...baseClaims, exp: now - 1000 }, {}, other);
    await assert.rejects(verifyAccessToken(forged, options()), InvalidTokenError);
  });

  it('looks no key up for a token refused by its header', async () => {
    let lookups = 0;
    const keys: KeyResolver = (kid) => {
      lookups += 1;
      return signer.keys(kid);
    };
    const embedded = await mint(baseClaims, { jku: 'https://evil.example/jwks' });
    await assert.rejects(verifyAccessToken(embedded, options({ keys })), InvalidTokenError);
    await assert.rejects(
      verifyAccessToken(await mint(baseClaims, { typ: 'JWT' }), options({ keys })),
      InvalidTokenError,
    );
    assert.equal(lookups, 0);
  });

  it('refuses a token longer than maxTokenLength', async () => {
    const token = await mint();
    await assert.rejects(
      verifyAccessToken(token, options({ maxTokenLength: token.length - 1 })),
      InvalidTokenError,
    );
    assert.ok(await verifyAccessToken(token, options({ maxTokenLength: token.length })));
  });

  it('refuses a token that is not a string', async () => {
    await assert.rejects(verifyAccessToken(42 as unknown as string, options()), InvalidTokenError);
    await assert.rejects(verifyAccessToken(undefined as unknown as string, options()), InvalidTokenError);
  });

  it('passes KeySetUnavailableError from the resolver through (503, not 401)', async () => {
    const keys: KeyResolver = () => Promise.reject(new KeySetUnavailableError());
    await assert.rejects(verifyAccessToken(await mint(), options({ keys })), KeySetUnavailableError);
  });

  it('throws TypeError when the resolver returns something that is not a verification key', async () => {
    const keys = (() =>
      Promise.resolve({ kid: signer.kid, alg: 'EdDSA', key: 'secret' })) as unknown as KeyResolver;
    await assert.rejects(verifyAccessToken(await mint(), options({ keys })), TypeError);
  });

  it('refuses a key whose alg differs from the header even when the key material would verify', async () => {
    const key = await signer.keys(signer.kid);
    const keys: KeyResolver = () => Promise.resolve({ ...(key as VerificationKey), alg: 'ES256' });
    await assert.rejects(verifyAccessToken(await mint(), options({ keys })), InvalidTokenError);
  });

  describe('revocations', () => {
    const healthy = (): RevocationSet => {
      const set = new RevocationSet({ createdAt: currentDate });
      set.markFeedHealthy(currentDate);
      return set;
    };

    it('refuses a token whose session is revoked', async () => {
      const revocations = healthy();
      revocations.add('ses_1', new Date(currentDate.getTime() + 60_000));
      await assert.rejects(verifyAccessToken(await mint(), options({ revocations })), SessionRevokedError);
      const other = await mint({ ...baseClaims, sid: 'ses_2' });
      assert.equal((await verifyAccessToken(other, options({ revocations }))).sid, 'ses_2');
    });

    it('answers RevocationFeedUnavailableError when fail-closed and the feed is lost too long', async () => {
      const revocations = healthy();
      revocations.markFeedLost(new Date(currentDate.getTime() - 31_000));
      await assert.rejects(
        verifyAccessToken(await mint(), options({ revocations })),
        RevocationFeedUnavailableError,
      );
    });

    it('still refuses an invalid token as invalid while the feed is down', async () => {
      const revocations = new RevocationSet({ createdAt: new Date(0) });
      await assert.rejects(
        verifyAccessToken(await mint(baseClaims, { typ: 'JWT' }), options({ revocations })),
        InvalidTokenError,
      );
      await assert.rejects(
        verifyAccessToken(await mint(), options({ revocations })),
        RevocationFeedUnavailableError,
      );
    });

    it('skips the check when revocations is null', async () => {
      assert.ok(await verifyAccessToken(await mint(), options({ revocations: null })));
    });
  });

  describe('options are checked at the call, synchronously', () => {
    const bad: [string, unknown][] = [
      ['no options', undefined],
      ['null options', null],
      ['missing keys', { issuer, audience }],
      ['keys not a function', { keys: {}, issuer, audience }],
      ['missing issuer', { keys: signer.keys, audience }],
      ['empty issuer', { keys: signer.keys, issuer: '', audience }],
      ['missing audience', { keys: signer.keys, issuer }],
      ['negative tolerance', { keys: signer.keys, issuer, audience, clockToleranceSeconds: -1 }],
      ['NaN tolerance', { keys: signer.keys, issuer, audience, clockToleranceSeconds: Number.NaN }],
      ['invalid currentDate', { keys: signer.keys, issuer, audience, currentDate: new Date('nope') }],
      ['currentDate a number', { keys: signer.keys, issuer, audience, currentDate: 0 }],
      [
        'revocations without assertUsable',
        { keys: signer.keys, issuer, audience, revocations: { isRevoked: () => false } },
      ],
      ['maxTokenLength 0', { keys: signer.keys, issuer, audience, maxTokenLength: 0 }],
      ['maxTokenLength fractional', { keys: signer.keys, issuer, audience, maxTokenLength: 10.5 }],
    ];
    for (const [name, value] of bad) {
      it(`throws TypeError for ${name}`, () => {
        assert.throws(() => void verifyAccessToken('a.b.c', value as VerifyAccessTokenOptions), TypeError);
      });
    }
  });
});
