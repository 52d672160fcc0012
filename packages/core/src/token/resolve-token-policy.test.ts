import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTokenPolicy } from './resolve-token-policy.js';

describe('resolveTokenPolicy', () => {
  it('fills the defaults and keeps issuer and audience', () => {
    const policy = resolveTokenPolicy({ issuer: 'https://auth.example.com', audience: 'api' });
    assert.equal(policy.issuer, 'https://auth.example.com');
    assert.equal(policy.audience, 'api');
    assert.ok(policy.accessTokenTtlSeconds > 0);
  });

  it('refuses a missing, empty or non-string issuer or audience when made, not at the first sign-in', () => {
    for (const input of [
      { issuer: '', audience: 'api' },
      { issuer: 'https://auth.example.com', audience: '' },
      { issuer: undefined, audience: 'api' },
      { issuer: 'https://auth.example.com', audience: undefined },
      { issuer: 42, audience: 'api' },
    ]) {
      assert.throws(
        () => resolveTokenPolicy(input as unknown as Parameters<typeof resolveTokenPolicy>[0]),
        TypeError,
        JSON.stringify(input),
      );
    }
  });
});
