import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import { addUser, createTestDeps, TestClock, type TestDeps } from '../lib/create-test-deps.fixture.js';
import { parseServerSecrets } from '../secret/server-secrets.js';
import { createSession } from '../session/create-session.js';
import { KEY_PUBLISH_LEAD_SECONDS, KeyRing } from './key-ring.js';

const TTL_SECONDS = 900;
const SKEW_SECONDS = 60;

async function tokenAtNow(t: TestDeps): Promise<string> {
  const user = (await t.store.getUserByEmail('alice@example.com')) ?? (await addUser(t, 'alice@example.com'));
  const { session } = await createSession(t.deps, {
    userId: user.id,
    ip: null,
    userAgent: null,
    transport: 'bearer',
    amr: ['pwd'] as const,
  });
  return (await t.deps.tokens.issueAccessToken(user, session)).token;
}

const kidsOf = (jwks: { keys: { kid?: string }[] }) => jwks.keys.map((key) => key.kid);

describe('KeyRing', () => {
  it('creates a first key that signs at once and is published without its private part', async () => {
    const t = await createTestDeps();
    const ring = t.deps.tokens.keyRing;
    const now = t.clock.now();
    const signing = ring.signingKey(now);
    assert.deepEqual(kidsOf(ring.jwks(now)), [signing.kid]);
    for (const key of ring.jwks(now).keys) {
      assert.equal(key.alg, 'EdDSA');
      assert.equal('d' in key, false, 'no private key material in the JWKS');
    }
    const stored = await t.store.listSigningKeys();
    assert.equal(stored.length, 1);
    assert.ok(!stored[0]!.privateJwkCiphertext.includes('"d"'), 'the private key is sealed at rest');
  });

  it('publishes a rotated-in key before it signs, and keeps the old one until its last token expired', async () => {
    const t = await createTestDeps({
      tokens: { accessTokenTtlSeconds: TTL_SECONDS, clockSkewSeconds: SKEW_SECONDS },
    });
    const ring = t.deps.tokens.keyRing;
    const old = ring.signingKey(t.clock.now());
    const added = await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);

    // Published at once, not yet signing: a verifier that cached the JWKS before has time to refetch it.
    assert.deepEqual(kidsOf(ring.jwks(t.clock.now())).sort(), [old.kid, added.kid].sort());
    assert.equal(ring.signingKey(t.clock.now()).kid, old.kid);
    assert.deepEqual(
      ring.summaries(t.clock.now()).map((key) => [key.kid, key.state]),
      [
        [added.kid, 'pending'],
        [old.kid, 'signing'],
      ],
    );
    t.clock.advanceSeconds(KEY_PUBLISH_LEAD_SECONDS - 1);
    const lastOfOld = await tokenAtNow(t);

    t.clock.advanceSeconds(1);
    assert.equal(ring.signingKey(t.clock.now()).kid, added.kid);
    const firstOfNew = await tokenAtNow(t);
    assert.ok(await t.deps.tokens.verifyAccessToken(lastOfOld), 'the old key still verifies');

    // The old key leaves once the last token it signed is past its expiry and leeway.
    t.clock.advanceSeconds(TTL_SECONDS + SKEW_SECONDS - 1);
    assert.ok(kidsOf(ring.jwks(t.clock.now())).includes(old.kid));
    t.clock.advanceSeconds(1);
    assert.deepEqual(kidsOf(ring.jwks(t.clock.now())), [added.kid]);
    assert.equal(ring.findKey(old.kid, t.clock.now()), null);
    assert.ok(ring.findKey(added.kid, t.clock.now()));
    await assert.rejects(t.deps.tokens.verifyAccessToken(firstOfNew), { code: 'ERR_TOKEN_EXPIRED' });
  });

  it('a second rotation before the first activates supersedes the pending key', async () => {
    const t = await createTestDeps({
      tokens: { accessTokenTtlSeconds: TTL_SECONDS, clockSkewSeconds: SKEW_SECONDS },
    });
    const ring = t.deps.tokens.keyRing;
    const old = ring.signingKey(t.clock.now());
    const pending = await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);
    t.clock.advanceSeconds(10);
    const latest = await ring.rotate(KEY_PUBLISH_LEAD_SECONDS);
    assert.equal(ring.signingKey(t.clock.now()).kid, old.kid);
    t.clock.advanceSeconds(KEY_PUBLISH_LEAD_SECONDS);
    assert.equal(ring.signingKey(t.clock.now()).kid, latest.kid);
    // The superseded key never signed, and leaves the JWKS with the old one.
    t.clock.advanceSeconds(TTL_SECONDS + SKEW_SECONDS);
    assert.deepEqual(kidsOf(ring.jwks(t.clock.now())), [latest.kid]);
    assert.equal(ring.findKey(pending.kid, t.clock.now()), null);
  });

  it('is shared through the store: another instance sees a rotation after reloading', async () => {
    const t = await createTestDeps();
    const other = await createTestDeps({ store: t.store });
    assert.equal(
      other.deps.tokens.keyRing.signingKey(t.clock.now()).kid,
      t.deps.tokens.keyRing.signingKey(t.clock.now()).kid,
    );
    const added = await t.deps.tokens.keyRing.rotate(0);
    assert.ok(!kidsOf(other.deps.tokens.keyRing.jwks(t.clock.now())).includes(added.kid));
    await other.deps.tokens.keyRing.reload();
    assert.equal(other.deps.tokens.keyRing.signingKey(other.clock.now()).kid, added.kid);
  });

  it('refuses to start with keys sealed under another secret', async () => {
    const t = await createTestDeps();
    await assert.rejects(
      KeyRing.open({
        store: t.store,
        secrets: parseServerSecrets('y'.repeat(40), 'TEST'),
        clock: new TestClock(),
        algorithm: 'EdDSA',
        accessTokenTtlSeconds: TTL_SECONDS,
        clockSkewSeconds: SKEW_SECONDS,
        staticKeys: null,
      }),
      (error: unknown) => error instanceof TypeError && /cannot be decrypted/.test(error.message),
    );
  });

  it('signs with the first of externally managed keys, verifies with all, and never rotates them', async () => {
    const jwks = await Promise.all(
      ['first', 'second'].map(async (kid) => {
        const { privateKey } = await generateKeyPair('ES256', { extractable: true });
        return { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
      }),
    );
    const options = {
      store: (await createTestDeps()).store,
      secrets: parseServerSecrets('x'.repeat(40), 'TEST'),
      clock: new TestClock(),
      algorithm: 'EdDSA' as const,
      accessTokenTtlSeconds: TTL_SECONDS,
      clockSkewSeconds: SKEW_SECONDS,
    };
    const ring = await KeyRing.open({ ...options, staticKeys: jwks });
    const now = options.clock.now();
    assert.equal(ring.signingKey(now).kid, 'first');
    assert.deepEqual(kidsOf(ring.jwks(now)), ['first', 'second']);
    await assert.rejects(ring.rotate(0), TypeError);
    await assert.rejects(KeyRing.open({ ...options, staticKeys: [] }), TypeError);
  });
});
