import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import { addUser, createTestDeps, type TestDeps } from '../lib/create-test-deps.fixture.js';
import { createSession } from '../session/create-session.js';
import type { UserRecord } from '../store/user-store.js';

const TTL_SECONDS = 900;
const SKEW_SECONDS = 60;

async function issued(t: TestDeps, user?: UserRecord) {
  const owner = user ?? (await addUser(t, 'alice@example.com', { roles: ['support'] }));
  const { session } = await createSession(t.deps, {
    userId: owner.id,
    ip: null,
    userAgent: null,
    transport: 'bearer',
    amr: ['pwd'] as const,
  });
  return { user: owner, session, ...(await t.deps.tokens.issueAccessToken(owner, session)) };
}

function engine() {
  return createTestDeps({ tokens: { accessTokenTtlSeconds: TTL_SECONDS, clockSkewSeconds: SKEW_SECONDS } });
}

describe('TokenService', () => {
  it('issues an access token that verifies to its user, session and roles', async () => {
    const t = await engine();
    const { token, expiresInSeconds, user, session } = await issued(t);
    assert.equal(expiresInSeconds, TTL_SECONDS);
    const header = decodeProtectedHeader(token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.kid, t.deps.tokens.keyRing.signingKey(t.clock.now()).kid);
    const claims = await t.deps.tokens.verifyAccessToken(token);
    assert.equal(claims.sub, user.id, 'the opaque id, never the email');
    assert.equal(claims.sid, session.id);
    assert.deepEqual(claims.roles, ['support']);
    assert.equal(claims.iss, 'https://auth.example.com');
    assert.equal(claims.aud, 'https://api.example.com');
    assert.equal(claims.exp - claims.iat, TTL_SECONDS);
    assert.equal(claims.iat, Math.floor(t.clock.now().getTime() / 1000));
  });

  it('accepts a token until its expiry plus the clock leeway, checked again on every use', async () => {
    const t = await engine();
    const { token } = await issued(t);
    await t.deps.tokens.verifyAccessToken(token); // now in the verified-token cache
    t.clock.advanceSeconds(TTL_SECONDS + SKEW_SECONDS - 1);
    assert.ok(await t.deps.tokens.verifyAccessToken(token));
    t.clock.advanceSeconds(2);
    await assert.rejects(t.deps.tokens.verifyAccessToken(token), { code: 'ERR_TOKEN_EXPIRED' });
  });

  it('accepts an issue time in the future only within the leeway', async () => {
    const t = await engine();
    const { token } = await issued(t);
    // The verifier's clock behind the issuer's.
    t.clock.advanceSeconds(-(SKEW_SECONDS + 1));
    await assert.rejects(t.deps.tokens.verifyAccessToken(token), { code: 'ERR_INVALID_TOKEN' });
    t.clock.advanceSeconds(2);
    assert.ok(await t.deps.tokens.verifyAccessToken(token));
  });

  it('refuses a token for another issuer or audience, or altered in any part', async () => {
    const t = await engine();
    const { token } = await issued(t);
    for (const tokens of [
      { issuer: 'https://other.example.com' },
      { audience: 'https://other-api.example.com' },
    ]) {
      const other = await createTestDeps({ store: t.store, tokens });
      await assert.rejects(
        other.deps.tokens.verifyAccessToken(token),
        { code: 'ERR_INVALID_TOKEN' },
        JSON.stringify(tokens),
      );
    }
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const forged of [
      `${header}.${elevated}.${signature}`,
      `${header}.${payload}.${flipped}`,
      `${header}.${payload}.`,
      'not a token',
    ]) {
      await assert.rejects(t.deps.tokens.verifyAccessToken(forged), { code: 'ERR_INVALID_TOKEN' });
    }
  });

  it("refuses a token signed by another deployment's key", async () => {
    const t = await engine();
    const { token } = await issued(t);
    const stranger = await engine();
    await assert.rejects(stranger.deps.tokens.verifyAccessToken(token), { code: 'ERR_INVALID_TOKEN' });
  });

  it('verifies a token signed with a key another instance rotated in, after reloading the keys', async () => {
    const t = await engine();
    const other = await createTestDeps({ store: t.store });
    await other.deps.tokens.keyRing.rotate(0);
    const { token } = await issued(other);
    assert.notEqual(decodeProtectedHeader(token).kid, t.deps.tokens.keyRing.signingKey(t.clock.now()).kid);
    assert.equal((await t.deps.tokens.verifyAccessToken(token)).iss, 'https://auth.example.com');
  });
});
