import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHashTag } from './find-hash-tag.js';
import { counterKeyPattern, formatCounterKey } from './format-counter-key.js';

describe('findHashTag', () => {
  it('reads the tag as Redis Cluster does', () => {
    assert.equal(findHashTag('login-ip:{203.0.113.7}'), '203.0.113.7');
    assert.equal(findHashTag('a{b}c{d}'), 'b', 'the first tag only');
    assert.equal(findHashTag('a{b{c}d'), 'b{c', 'up to the first } after the first {');
    assert.equal(findHashTag('a{}b{c}'), null, 'an empty first tag means none (ours, negative)');
    assert.equal(findHashTag('a}b{'), null);
    assert.equal(findHashTag('plain'), null);
  });
});

describe('formatCounterKey', () => {
  it('keeps a key’s own tag, so one IP’s keys share a slot', () => {
    assert.equal(formatCounterKey('t', 'login-ip:{192.0.2.1}'), 't:{192.0.2.1}:counter:login-ip:{192.0.2.1}');
    assert.equal(findHashTag(formatCounterKey('t', 'login-account:{192.0.2.1}:ab')), '192.0.2.1');
  });

  it('gives every key a non-empty tag, and distinct keys distinct Redis keys', () => {
    const keys = [
      'plain',
      '',
      '{x}',
      'x',
      '}',
      'a}b',
      'a{}b',
      '{a}}:counter:{a}',
      'x}:counter:x',
      '{x}:counter:x',
    ];
    const redisKeys = keys.map((key) => formatCounterKey('t', key));
    assert.equal(new Set(redisKeys).size, keys.length);
    for (const redisKey of redisKeys) assert.ok(findHashTag(redisKey), redisKey);
  });

  it('has a SCAN pattern that only this prefix’s counters match', () => {
    assert.equal(counterKeyPattern('t'), 't:{*}:counter:*');
  });
});
