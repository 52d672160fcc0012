import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClock } from '../../lib/create-test-deps.fixture.js';
import type { Logger } from '../../logger.js';
import { FeedHealth } from './feed-health.js';

function newHealth() {
  const clock = new TestClock();
  const logged: string[] = [];
  const logger: Logger = {
    info: (message) => logged.push(`info ${message}`),
    warn: (message) => logged.push(`warn ${message}`),
    error: (message, fields) => logged.push(`error ${message} ${JSON.stringify(fields)}`),
  };
  const health = new FeedHealth(clock, logger);
  const states: { healthy: boolean; at: Date }[] = [];
  health.onStateChange((state) => states.push(state));
  return { clock, health, logged, states };
}

describe('FeedHealth', () => {
  it('starts healthy and says nothing while reads answer', () => {
    const { health, logged, states } = newHealth();
    health.answered();
    health.answered();
    assert.equal(health.healthy, true);
    assert.deepEqual(logged, []);
    assert.deepEqual(states, []);
  });

  it('is lost since the log last answered, logged and told once per outage, with the error name only', () => {
    const { clock, health, logged, states } = newHealth();
    const heardAt = clock.now();
    clock.advanceSeconds(7);
    health.failed(new TypeError('secret detail'), heardAt);
    health.failed(new Error('again'), clock.now());
    assert.equal(health.healthy, false);
    assert.deepEqual(logged, ['error revocation feed lost {"error":"TypeError"}']);
    assert.deepEqual(states, [{ healthy: false, at: heardAt }]);
  });

  it('recovers when a read answers again, at that moment; a removed listener hears nothing more', () => {
    const { clock, health, logged, states } = newHealth();
    const heard: boolean[] = [];
    const stop = health.onStateChange(({ healthy }) => heard.push(healthy));
    health.failed('not an Error', clock.now());
    clock.advanceSeconds(3);
    health.answered();
    stop();
    health.failed(new Error('down'), clock.now());
    assert.deepEqual(logged.slice(0, 2), [
      'error revocation feed lost {"error":"string"}',
      'info revocation feed recovered',
    ]);
    assert.deepEqual(
      states.map(({ healthy, at }) => [healthy, at.getTime() - Date.UTC(2026, 0, 1, 12)]),
      [
        [false, 0],
        [true, 3000],
        [false, 3000],
      ],
    );
    assert.deepEqual(heard, [false, true]);
  });
});
