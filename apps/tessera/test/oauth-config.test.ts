// TESSERA_OAUTH_PROVIDERS and its companions, validated at start-up with errors that name the variable.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/load-config.js';

const provider = {
  id: 'corp',
  issuer: 'https://idp.example.com',
  clientId: 'tessera',
  clientSecret: 'shh-secret-value',
};

describe('OAuth configuration', () => {
  it('unset: no providers, linking by address off', () => {
    const config = loadConfig({});
    assert.deepEqual(config.oauth, { providers: [], linkVerifiedEmail: false });
  });

  it('inline JSON or a file path; TESSERA_OAUTH_LINK_VERIFIED_EMAIL and TESSERA_OAUTH_TIMEOUT', () => {
    const inline = loadConfig({
      TESSERA_OAUTH_PROVIDERS: JSON.stringify([provider]),
      TESSERA_OAUTH_LINK_VERIFIED_EMAIL: 'true',
      TESSERA_OAUTH_TIMEOUT: '3',
    });
    assert.equal(inline.oauth.providers[0]?.id, 'corp');
    assert.equal(inline.oauth.linkVerifiedEmail, true);
    assert.equal(inline.oauth.timeoutSeconds, 3);
    const dir = mkdtempSync(join(tmpdir(), 'tessera-oauth-config-'));
    try {
      const path = join(dir, 'providers.json');
      writeFileSync(
        path,
        JSON.stringify([provider, { id: 'github', preset: 'github', clientId: 'a', clientSecret: 'b' }]),
      );
      assert.deepEqual(
        loadConfig({ TESSERA_OAUTH_PROVIDERS: path }).oauth.providers.map((entry) => entry.kind),
        ['oidc', 'github'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad value is a ConfigError naming the variable, and never quotes a client secret', () => {
    const cases: Record<string, string>[] = [
      { TESSERA_OAUTH_PROVIDERS: '[{"id": "corp", "clientSecret": "shh-secret-value"' },
      { TESSERA_OAUTH_PROVIDERS: '/no/such/file.json' },
      { TESSERA_OAUTH_PROVIDERS: JSON.stringify([{ ...provider, issuer: 'http://idp.example.com' }]) },
      { TESSERA_OAUTH_PROVIDERS: JSON.stringify({ providers: [provider] }) },
      { TESSERA_OAUTH_LINK_VERIFIED_EMAIL: 'yes' },
      { TESSERA_OAUTH_TIMEOUT: '0' },
      { TESSERA_OAUTH_TIMEOUT: '61' },
    ];
    for (const env of cases) {
      const [name] = Object.keys(env);
      assert.throws(
        () => loadConfig(env),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.includes(name!) &&
          !error.message.includes('shh-secret-value'),
        JSON.stringify(env),
      );
    }
  });
});
