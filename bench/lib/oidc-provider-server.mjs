// A local OpenID Connect provider for the sign-in benchmark, in a process of its own: panva's
// oidc-provider on loopback with one confidential client (Tessera, redirect URI from
// BENCH_OIDC_REDIRECT_URI, secret from BENCH_OIDC_CLIENT_SECRET) and its development login and consent pages. Every subject exists, with
// the address `<sub>@oidc.bench.example`, verified. Prints one JSON line with its URL, like the
// contenders (services.mjs startAnnouncing). The client id is `tessera-bench-client`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const redirectUri = process.env.BENCH_OIDC_REDIRECT_URI;
const clientSecret = process.env.BENCH_OIDC_CLIENT_SECRET;
if (redirectUri === undefined || clientSecret === undefined)
  throw new TypeError('BENCH_OIDC_REDIRECT_URI and BENCH_OIDC_CLIENT_SECRET are required');

/**
 * Storage without a size limit: the development default keeps 1,000 entries (least recently used
 * first out), fewer than a few hundred prepared sign-ins leave behind, so their codes were gone by
 * the time the benchmark sent the callbacks. Entries expire as the provider asks; the process is
 * short-lived.
 */
const entries = new Map();
const grantMembers = new Map();
const uidKeys = new Map();
class UnboundedAdapter {
  constructor(model) {
    this.model = model;
  }

  #key(id) {
    return `${this.model}:${id}`;
  }

  upsert(id, payload, expiresIn) {
    const key = this.#key(id);
    entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.grantId)
      grantMembers.set(payload.grantId, [...(grantMembers.get(payload.grantId) ?? []), key]);
    if (payload.uid) uidKeys.set(payload.uid, id);
    return Promise.resolve();
  }

  find(id) {
    const entry = entries.get(this.#key(id));
    return Promise.resolve(entry === undefined || entry.expiresAt <= Date.now() ? undefined : entry.payload);
  }

  findByUid(uid) {
    const id = uidKeys.get(uid);
    return id === undefined ? Promise.resolve(undefined) : this.find(id);
  }

  findByUserCode() {
    return Promise.resolve(undefined);
  }

  consume(id) {
    const entry = entries.get(this.#key(id));
    if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id) {
    entries.delete(this.#key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId) {
    for (const key of grantMembers.get(grantId) ?? []) entries.delete(key);
    grantMembers.delete(grantId);
    return Promise.resolve();
  }
}

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const clientId = 'tessera-bench-client';
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const provider = new Provider(issuer, {
  adapter: UnboundedAdapter,
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'bench-key-1', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // The scope's claims go into the ID token itself (Tessera does not call userinfo).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  // The benchmark prepares its flows before it times their callbacks: codes must outlive that.
  ttl: { AuthorizationCode: 600 },
  findAccount(_context, sub) {
    return {
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@oidc.bench.example`, email_verified: true }),
    };
  },
});
// oidc-provider's notices about development settings are expected here.
provider.on('server_error', () => undefined);
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ url: issuer })}\n`);
