import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTimestamp } from './format-timestamp.js';

describe('formatTimestamp', () => {
  it('renders the instant in UTC with its milliseconds', () => {
    assert.equal(
      formatTimestamp(new Date('2030-01-01T00:00:00.123Z'), 'now'),
      '2030-01-01T00:00:00.123+00:00',
    );
    assert.equal(formatTimestamp(new Date(0), 'now'), '1970-01-01T00:00:00.000+00:00');
    assert.equal(formatTimestamp(new Date(-1), 'now'), '1969-12-31T23:59:59.999+00:00');
  });

  it('renders years past 9999 and before year 1 the way PostgreSQL reads them', () => {
    assert.equal(formatTimestamp(new Date(Date.UTC(12_345, 0, 1)), 'now'), '12345-01-01T00:00:00.000+00:00');
    const oneBc = new Date(Date.UTC(2000, 0, 1));
    oneBc.setUTCFullYear(0);
    assert.equal(formatTimestamp(oneBc, 'now'), '0001-01-01T00:00:00.000+00:00 BC');
  });

  it('throws TypeError for an invalid Date or a value that is not a Date', () => {
    assert.throws(() => formatTimestamp(new Date(Number.NaN), 'getCounter: now'), {
      name: 'TypeError',
      message: 'getCounter: now must be a valid Date.',
    });
    assert.throws(() => formatTimestamp('2030-01-01' as unknown as Date, 'now'), TypeError);
  });
});
