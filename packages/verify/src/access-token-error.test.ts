import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccessTokenError,
  InvalidTokenError,
  KeySetUnavailableError,
  RevocationFeedUnavailableError,
  SessionRevokedError,
  TokenExpiredError,
} from './access-token-error.js';

describe('AccessTokenError', () => {
  const errors: [AccessTokenError, string, string][] = [
    [new InvalidTokenError(), 'ERR_INVALID_TOKEN', 'InvalidTokenError'],
    [new TokenExpiredError(), 'ERR_TOKEN_EXPIRED', 'TokenExpiredError'],
    [new SessionRevokedError(), 'ERR_SESSION_REVOKED', 'SessionRevokedError'],
    [new KeySetUnavailableError(), 'ERR_KEY_SET_UNAVAILABLE', 'KeySetUnavailableError'],
    [
      new RevocationFeedUnavailableError(),
      'ERR_REVOCATION_FEED_UNAVAILABLE',
      'RevocationFeedUnavailableError',
    ],
  ];
  for (const [error, code, name] of errors) {
    it(`${name} has the stable code ${code} and a message in words`, () => {
      assert.ok(error instanceof AccessTokenError);
      assert.ok(error instanceof Error);
      assert.equal(error.code, code);
      assert.equal(error.name, name);
      assert.match(error.message, /^[A-Z][^.]*\.$/);
      assert.ok(error.stack);
    });
  }

  it('codes are unique', () => {
    assert.equal(new Set(errors.map(([error]) => error.code)).size, errors.length);
  });

  it('infrastructure errors chain their cause', () => {
    const cause = new Error('ECONNREFUSED');
    assert.equal(new KeySetUnavailableError('The key set could not be fetched.', cause).cause, cause);
    assert.equal(new RevocationFeedUnavailableError('Feed down.', cause).cause, cause);
    assert.equal(new KeySetUnavailableError().cause, undefined);
  });
});
