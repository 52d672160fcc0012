import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { AccessTokenClaims } from './access-token-claims.js';
import {
  InvalidTokenError,
  RevocationFeedUnavailableError,
  SessionRevokedError,
  TokenExpiredError,
} from './access-token-error.js';
import { createLocalKeySet } from './create-local-key-set.js';
import { createRemoteKeySet } from './create-remote-key-set.js';
import type { KeyLookup } from './key-lookup.js';
import type { KeyResolver } from './key-resolver.js';
import { RevocationSet } from './revocation-set.js';
import type { VerificationKey } from './verification-key.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import { verifyAccessToken } from './verify-access-token.js';
import { verifyAccessTokenSync } from './verify-access-token-sync.js';

const issuer = 'https://auth.example.com';
const audience = 'https://api.example.com';
const currentDate = new Date('2025-06-01T12:00:00Z');
const now = currentDate.getTime() / 1000;
const claims = {
  iss: issuer,
  aud: audience,
  sub: 'usr_1',
  sid: 'ses_1',
  iat: now - 10,
  exp: now + 890,
  jti: 'atk_1',
  roles: ['user'],
};

async function createSigner(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

const signer = await createSigner('k1');
const otherSigner = await createSigner('k1'); // same kid, another key: what a rotation looks like

function mint(
  payload: Record<string, unknown> = claims,
  by: { privateKey: CryptoKey; jwk: JWK } = signer,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: by.jwk.kid! })
    .sign(by.privateKey);
}

/** A key set the test can change: what a remote JWKS becomes after a refetch. */
function changeableKeys(): { keys: KeyResolver; lookup: KeyLookup; set: (jwks: JWK[]) => void } {
  let current = createLocalKeySet({ keys: [signer.jwk] });
  return {
    keys: (kid) => current(kid),
    lookup: (kid) => current.findKey(kid),
    set: (jwks) => {
      current = createLocalKeySet({ keys: jwks });
    },
  };
}

interface Options {
  keys: KeyResolver;
  lookup: KeyLookup;
  cache: VerifiedTokenCache;
  revocations?: RevocationSet;
  currentDate?: Date;
  audience?: string;
}

/** Both entry points, the same cases: the synchronous one wrapped so both reject. */
const entryPoints: [string, (token: string, options: Options) => Promise<AccessTokenClaims>][] = [
  [
    'verifyAccessToken',
    (token, { keys, lookup: _lookup, ...rest }) =>
      verifyAccessToken(token, { issuer, audience, currentDate, ...rest, keys }),
  ],
  [
    'verifyAccessTokenSync',
    (token, { keys: _keys, lookup, ...rest }) =>
      new Promise((resolve) => {
        resolve(verifyAccessTokenSync(token, { issuer, audience, currentDate, ...rest, keys: lookup }));
      }),
  ],
];

for (const [name, verify] of entryPoints) {
  describe(`VerifiedTokenCache with ${name}`, () => {
    function setUp(): Options & { set: (jwks: JWK[]) => void } {
      const { keys, lookup, set } = changeableKeys();
      return { keys, lookup, set, cache: new VerifiedTokenCache() };
    }

    /** Verifies twice: the token is then held (it is stored on its second full verification). */
    async function cached(token: string, options: Options): Promise<void> {
      await verify(token, options);
      assert.equal(options.cache.size, 0, 'a token seen once is not stored');
      await verify(token, options);
      assert.equal(options.cache.size, 1, 'a token seen twice is stored');
    }

    it('answers a repeated token with the same claims, a fresh copy each time', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      const first = await verify(token, options);
      assert.deepEqual(first, claims);
      first.roles.push('admin');
      assert.deepEqual((await verify(token, options)).roles, ['user']);
      assert.equal(options.cache.size, 1);
    });

    it("refuses a cached token on the very next call after its session's revocation", async () => {
      const revocations = RevocationSet.local();
      const options = { ...setUp(), revocations };
      const token = await mint();
      await cached(token, options);
      revocations.add(claims.sid, new Date(currentDate.getTime() + 3_600_000));
      await assert.rejects(verify(token, options), SessionRevokedError);
      await assert.rejects(verify(token, options), SessionRevokedError);
    });

    it('answers 503 for a cached token once a fail-closed feed has been lost too long', async () => {
      const revocations = new RevocationSet({ createdAt: currentDate, maxFeedSilenceSeconds: 30 });
      revocations.markFeedHealthy(currentDate);
      const options = { ...setUp(), revocations };
      const token = await mint();
      await cached(token, options);
      revocations.markFeedLost(currentDate);
      const later = new Date(currentDate.getTime() + 31_000);
      await assert.rejects(verify(token, { ...options, currentDate: later }), RevocationFeedUnavailableError);
    });

    it('refuses a cached token once it has expired (exp + leeway), and drops it', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      const afterExpiry = new Date((claims.exp + 60) * 1000);
      await assert.rejects(verify(token, { ...options, currentDate: afterExpiry }), TokenExpiredError);
      assert.equal(options.cache.size, 0);
      const justBefore = new Date((claims.exp + 59) * 1000);
      assert.equal((await verify(token, { ...options, currentDate: justBefore })).sid, claims.sid);
    });

    it('checks nbf and a future iat again on a hit (the clock is an input)', async () => {
      const options = setUp();
      const token = await mint({ ...claims, nbf: now });
      await cached(token, options);
      const early = new Date((now - 61) * 1000);
      await assert.rejects(verify(token, { ...options, currentDate: early }), InvalidTokenError);
    });

    it('refuses a cached token whose key has left the key set', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      options.set([]);
      await assert.rejects(verify(token, options), InvalidTokenError);
      assert.equal(options.cache.size, 0);
    });

    it('refuses a cached token whose kid now names another key', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      options.set([otherSigner.jwk]);
      await assert.rejects(verify(token, options), InvalidTokenError);
    });

    it('never lets a tampered token hit the genuine entry, and keeps the genuine one', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      const flipped = (text: string): string =>
        text.slice(0, -2) + (text.at(-2) === 'A' ? 'B' : 'A') + text.at(-1)!;
      const tampered = [
        `${header}.${escalated}.${signature}`, // same signature: the same slot as the genuine token
        `${header}.${payload}.${flipped(signature)}`,
        `${header}.${flipped(payload)}.${signature}`,
        `${header}.${payload}.${signature}=`,
        ` ${token}`,
        `${token}.${signature}`,
      ];
      for (const forged of tampered) {
        for (let attempt = 0; attempt < 3; attempt += 1) {
          await assert.rejects(verify(forged, options), InvalidTokenError, forged);
        }
      }
      assert.equal(options.cache.size, 1);
      assert.deepEqual((await verify(token, options)).roles, ['user']);
    });

    it('serves an entry only for the issuer and audience it was verified for', async () => {
      const options = setUp();
      const token = await mint();
      await cached(token, options);
      await assert.rejects(
        verify(token, { ...options, audience: 'https://other.example' }),
        InvalidTokenError,
      );
    });

    it('never stores a refused token', async () => {
      const revocations = RevocationSet.local();
      revocations.add(claims.sid, new Date(currentDate.getTime() + 3_600_000));
      const options = { ...setUp(), revocations };
      const token = await mint();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await assert.rejects(verify(token, options), SessionRevokedError);
      }
      assert.equal(options.cache.size, 0);
    });

    it('holds at most maxEntries tokens', async () => {
      const options = { ...setUp(), cache: new VerifiedTokenCache({ maxEntries: 4 }) };
      for (let index = 0; index < 40; index += 1) {
        const token = await mint({ ...claims, jti: `atk_${index}` });
        await verify(token, options);
        await verify(token, options);
        assert.ok(options.cache.size <= 4);
      }
      options.cache.clear();
      assert.equal(options.cache.size, 0);
    });
  });
}

describe('VerifiedTokenCache with a remote key set', () => {
  let published: JWK[] = [signer.jwk];
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: published }));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a cached token once a refetch of the JWKS no longer has its key', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const keys = createRemoteKeySet(`http://127.0.0.1:${port}/.well-known/jwks.json`, {
      cacheMaxAgeSeconds: 0,
      cooldownSeconds: 0,
    });
    await keys.refresh();
    const cache = new VerifiedTokenCache();
    const options = { keys, issuer, audience, currentDate, cache };
    const token = await mint();
    await verifyAccessToken(token, options);
    await verifyAccessToken(token, options);
    assert.equal(cache.size, 1);
    published = [otherSigner.jwk]; // rotated: k1 is now another key
    await keys.refresh();
    await assert.rejects(verifyAccessToken(token, options), InvalidTokenError);
    published = [];
    await keys.refresh();
    await assert.rejects(verifyAccessToken(token, options), InvalidTokenError);
  });
});

describe('VerifiedTokenCache options', () => {
  for (const maxEntries of [0, -1, 1.5, Number.NaN, 2 ** 25]) {
    it(`refuses maxEntries ${maxEntries} with TypeError`, () => {
      assert.throws(() => new VerifiedTokenCache({ maxEntries }), TypeError);
    });
  }

  it('refuses a cache option that is not a VerifiedTokenCache, at the call', () => {
    const keys = createLocalKeySet({ keys: [signer.jwk] });
    const cache = new Map() as unknown as VerifiedTokenCache;
    assert.throws(() => void verifyAccessToken('a.b.c', { keys, issuer, audience, cache }), TypeError);
    assert.throws(
      () => verifyAccessTokenSync('a.b.c', { keys: keys.findKey, issuer, audience, cache }),
      TypeError,
    );
  });

  it('is keyed by the whole token even for a resolver of our own that returns new objects', async () => {
    const local = createLocalKeySet({ keys: [signer.jwk] });
    // A resolver that wraps each key in a new object (as the auth server's key ring does).
    const keys: KeyResolver = async (kid) => {
      const key = await local(kid);
      return key === null ? null : ({ ...key } satisfies VerificationKey);
    };
    const cache = new VerifiedTokenCache();
    const token = await mint();
    await verifyAccessToken(token, { keys, issuer, audience, currentDate, cache });
    await verifyAccessToken(token, { keys, issuer, audience, currentDate, cache });
    assert.equal(cache.size, 1);
    assert.equal(
      (await verifyAccessToken(token, { keys, issuer, audience, currentDate, cache })).sid,
      'ses_1',
    );
  });
});
