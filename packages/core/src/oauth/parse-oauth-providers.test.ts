import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost, parseOAuthProviders } from './parse-oauth-providers.js';

const NAME = 'TESSERA_OAUTH_PROVIDERS';
const oidc = { id: 'google', issuer: 'https://accounts.google.com', clientId: 'id', clientSecret: 'secret' };

describe('parseOAuthProviders', () => {
  it('reads OpenID Connect providers with their defaults, and the GitHub preset with github.com', () => {
    assert.deepEqual(
      parseOAuthProviders(
        [oidc, { ...oidc, id: 'corp', scopes: ['openid', 'email'], audiences: ['ios'] }],
        NAME,
      ),
      [
        { kind: 'oidc', ...oidc, scopes: ['openid', 'email', 'profile'], audiences: [] },
        { kind: 'oidc', ...oidc, id: 'corp', scopes: ['openid', 'email'], audiences: ['ios'] },
      ],
    );
    const [github] = parseOAuthProviders(
      [{ id: 'github', preset: 'github', clientId: 'a', clientSecret: 'b' }],
      NAME,
    );
    assert.deepEqual(github, {
      kind: 'github',
      id: 'github',
      clientId: 'a',
      clientSecret: 'b',
      scopes: ['read:user', 'user:email'],
      authorizationEndpoint: 'https://github.com/login/oauth/authorize',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
      apiUrl: 'https://api.github.com',
    });
  });

  it('http: only on loopback, for issuers and GitHub endpoints alike', () => {
    assert.equal(parseOAuthProviders([{ ...oidc, issuer: 'http://127.0.0.1:9000' }], NAME).length, 1);
    assert.equal(
      parseOAuthProviders([{ ...oidc, issuer: 'http://localhost:9000/realms/x' }], NAME).length,
      1,
    );
    assert.throws(
      () => parseOAuthProviders([{ ...oidc, issuer: 'http://idp.example.com' }], NAME),
      /\[0\]\.issuer must be an https/,
    );
    assert.throws(
      () =>
        parseOAuthProviders(
          [
            {
              id: 'gh',
              preset: 'github',
              clientId: 'a',
              clientSecret: 'b',
              apiUrl: 'http://ghe.example.com/api/v3',
            },
          ],
          NAME,
        ),
      /apiUrl must be an https/,
    );
  });

  it('every mistake is a TypeError naming the variable and the entry, never echoing a secret', () => {
    const bad: unknown[] = [
      {},
      [null],
      [{ ...oidc, id: 'has space' }],
      [oidc, oidc],
      [{ ...oidc, clientSecret: '' }],
      [{ ...oidc, issuer: 'not a url' }],
      [{ ...oidc, issuer: 'https://user:pass@idp.example.com' }],
      [{ ...oidc, scopes: [] }],
      [{ ...oidc, scopes: ['has space'] }],
      [{ ...oidc, audiences: 'ios' }],
      [{ ...oidc, preset: 'gitlab' }],
      [{ ...oidc, clientSecrett: 'typo' }],
      [{ id: 'gh', preset: 'github', clientId: 'a', clientSecret: 'b', issuer: 'https://github.com' }],
    ];
    for (const value of bad) {
      assert.throws(
        () => parseOAuthProviders(value, NAME),
        (error: unknown) =>
          error instanceof TypeError &&
          error.message.startsWith(NAME) &&
          !error.message.includes('secret-value'),
        JSON.stringify(value),
      );
    }
    assert.throws(
      () => parseOAuthProviders([{ ...oidc, clientSecret: ' secret-value' }], NAME),
      (error: unknown) => error instanceof TypeError && !error.message.includes('secret-value'),
    );
  });

  it('isLoopbackHost', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]'])
      assert.ok(isLoopbackHost(host), host);
    for (const host of ['example.com', '10.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io'])
      assert.ok(!isLoopbackHost(host), host);
  });
});
