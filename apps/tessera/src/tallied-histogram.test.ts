import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Histogram, Registry } from 'prom-client';
import { TalliedHistogram } from './tallied-histogram.js';

describe('TalliedHistogram', () => {
  it("renders exactly what prom-client's own histogram renders for the same observations", async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const options = { name: 'h_seconds', help: 'h', labelNames: ['mode'] as const, buckets };
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ ...options, labelNames: ['mode'], registers: [theirs] });
    const tallied = new TalliedHistogram({ ...options, registers: [ours] });
    const a = tallied.tally({ mode: 'a' });
    const b = tallied.tally({ mode: 'b' });
    // Edges (equal to a bound), zero, the overflow bucket, and a label combination never observed.
    for (const value of [0, 0.001, 0.0011, 0.01, 0.5, 1, 7]) {
      a.observe(value);
      reference.observe({ mode: 'a' }, value);
    }
    reference.zero({ mode: 'b' });
    assert.equal(await ours.metrics(), await theirs.metrics());
    b.observe(0.02);
    reference.observe({ mode: 'b' }, 0.02);
    assert.equal(await ours.metrics(), await theirs.metrics());
  });
});
