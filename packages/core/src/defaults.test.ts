import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveLoginThrottlePolicy } from './account/login-throttle-policy.js';
import { checkCookieMode } from './cookie/cookie-mode.js';
import { checkSetting, SETTING_RANGES } from './defaults.js';
import { resolveSessionPolicy } from './session/session-policy.js';
import { resolveTokenPolicy } from './token/resolve-token-policy.js';

const identity = { issuer: 'https://auth.example.com', audience: 'api' };

describe('defaults and ranges live in core and are checked by its factories', () => {
  it('fills in DESIGN §3.1 and §4 defaults when an option is left out', () => {
    assert.deepEqual(resolveTokenPolicy(identity), {
      ...identity,
      accessTokenTtlSeconds: 900,
      clockSkewSeconds: 60,
      refreshReuseGraceSeconds: 10,
    });
    assert.deepEqual(resolveLoginThrottlePolicy(), {
      maxFailuresPerAccount: 5,
      maxFailuresPerIp: 100,
      windowSeconds: 900,
      maxRegistrationsPerIp: 10,
      registrationWindowSeconds: 3600,
    });
    const session = resolveSessionPolicy();
    assert.equal(session.idleTimeoutSeconds, 7200);
    assert.equal(session.absoluteTimeoutSeconds, 2_592_000);
    assert.equal(session.sessionLimitPolicy, 'evict-oldest');
  });

  it('accepts each range boundary and refuses one past it, naming the option', () => {
    for (const [name, { min, max }] of Object.entries(SETTING_RANGES)) {
      const setting = name as keyof typeof SETTING_RANGES;
      assert.equal(checkSetting(setting, min), min);
      assert.equal(checkSetting(setting, max), max);
      assert.throws(() => checkSetting(setting, min - 1), { name: 'TypeError', message: new RegExp(name) });
      assert.throws(() => checkSetting(setting, min + 0.5), TypeError);
    }
  });

  it('the factories refuse an out-of-range option at start-up', () => {
    assert.throws(
      () => resolveTokenPolicy({ ...identity, accessTokenTtlSeconds: 86_401 }),
      /accessTokenTtlSeconds/,
    );
    assert.throws(() => resolveTokenPolicy({ ...identity, clockSkewSeconds: 601 }), /clockSkewSeconds/);
    assert.throws(
      () => resolveTokenPolicy({ ...identity, refreshReuseGraceSeconds: -1 }),
      /refreshReuseGrace/,
    );
    assert.throws(() => resolveTokenPolicy({ ...identity, issuer: '' }), TypeError);
    assert.throws(() => resolveSessionPolicy({ idleTimeoutSeconds: 9 }), /idleTimeoutSeconds/);
    assert.throws(() => resolveLoginThrottlePolicy({ maxFailuresPerIp: 0 }), /maxFailuresPerIp/);
  });

  it('checks the cookie mode, which JavaScript callers and environments pass as a plain string', () => {
    assert.equal(checkCookieMode('session'), 'session');
    assert.equal(checkCookieMode('jwt'), 'jwt');
    for (const value of ['cookie', 'JWT', '']) assert.throws(() => checkCookieMode(value), TypeError);
  });
});
