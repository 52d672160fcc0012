import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFeedEntryKey, readFeedEntry, type FeedEntry } from './feed-entry.js';

describe('readFeedEntry / formatFeedEntryKey', () => {
  const entries: Exclude<FeedEntry, { kind: 'unknown' }>[] = [
    { kind: 'session-revoked', sessionId: 'q1px1bNM65M8ONLAtln5lA' },
    { kind: 'session-changed', sessionId: '-Ab_c' },
    { kind: 'user-changed', userId: 'Y-Osp49mrC2Kg5hCHytjfw' },
  ];
  for (const entry of entries) {
    it(`reads back a ${entry.kind} key`, () => {
      assert.deepEqual(readFeedEntry({ sessionId: formatFeedEntryKey(entry) }), entry);
    });
  }

  it('reads a bare session id, as every log written before kinds holds, as a revocation', () => {
    assert.deepEqual(readFeedEntry({ sessionId: 'abc' }), { kind: 'session-revoked', sessionId: 'abc' });
  });

  it('ignores a kind it does not know (written by a newer instance) instead of revoking its key', () => {
    assert.deepEqual(readFeedEntry({ sessionId: 'device-changed:abc' }), { kind: 'unknown' });
    assert.deepEqual(readFeedEntry({ sessionId: ':abc' }), { kind: 'unknown' });
  });
});
