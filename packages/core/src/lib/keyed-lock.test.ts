import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs work for one key strictly one at a time, in order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let running = 0;
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        lock.run('k', async () => {
          running += 1;
          assert.equal(running, 1, 'never two at once');
          events.push(`start ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
          events.push(`end ${i}`);
          running -= 1;
        }),
      ),
    );
    assert.deepEqual(
      events,
      [0, 1, 2, 3, 4].flatMap((i) => [`start ${i}`, `end ${i}`]),
    );
    assert.equal(lock.size, 0, 'nothing is kept once the queue drains');
  });

  it('lets different keys run concurrently and survives a failing task', async () => {
    const lock = new KeyedLock();
    let concurrent = 0;
    let peak = 0;
    const task = async () => {
      concurrent += 1;
      peak = Math.max(peak, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 5));
      concurrent -= 1;
    };
    await Promise.all([lock.run('a', task), lock.run('b', task)]);
    assert.equal(peak, 2);
    await assert.rejects(
      lock.run('a', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await lock.run('a', () => Promise.resolve(42)), 42, 'the key is usable after a failure');
    assert.equal(lock.size, 0);
  });
});
