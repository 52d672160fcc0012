import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRelativeTime } from './describe-relative-time.js';

test('instants in words, past and future, rounded down to the largest whole unit', () => {
  const now = new Date(Date.UTC(2026, 0, 1, 12));
  const at = (seconds: number) => describeRelativeTime(new Date(now.getTime() + seconds * 1000), now);
  assert.equal(at(0), 'just now');
  assert.equal(at(-9), 'just now');
  assert.equal(at(-10), '10 seconds ago');
  assert.equal(at(-60), '1 minute ago');
  assert.equal(at(-119), '1 minute ago');
  assert.equal(at(-7200), '2 hours ago');
  assert.equal(at(900), 'in 15 minutes');
  assert.equal(at(86_400 * 3), 'in 3 days');
  assert.equal(at(-86_400 * 400), '1 year ago');
  assert.equal(describeRelativeTime(new Date(Number.NaN), now), 'at an invalid time');
});
