import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RevocationEntry } from '../../store/revocation-store.js';
import { DeliveryWindow } from './delivery-window.js';

const at = new Date(Date.UTC(2026, 0, 1));
const entry = (cursor: string): RevocationEntry => ({
  cursor,
  sessionId: `s-${cursor}`,
  revokedAt: at,
  expiresAt: new Date(at.getTime() + 60_000),
});
const cursors = (entries: readonly RevocationEntry[]) => entries.map((e) => e.cursor);

describe('DeliveryWindow', () => {
  it('admits each entry once, whether it first came from an append or from the log', () => {
    const window = new DeliveryWindow();
    assert.deepEqual(cursors(window.admit([entry('1'), entry('2')], false)), ['1', '2']);
    assert.deepEqual(cursors(window.admit([entry('1'), entry('2'), entry('3')], true)), ['3']);
    assert.deepEqual(window.admit([entry('3')], true), []);
  });

  it('moves the cursor only on entries the log returned, to the last of them, even when none is new', () => {
    const window = new DeliveryWindow();
    assert.equal(window.cursor, null);
    window.admit([entry('1'), entry('2')], false);
    assert.equal(window.cursor, null, 'an append does not move the cursor: earlier entries may be unread');
    window.admit([entry('1'), entry('2')], true);
    assert.equal(window.cursor, '2');
    window.admit([], true);
    assert.equal(window.cursor, '2');
  });

  it('remembers the last 10,000 cursors: the oldest is admitted again once that many followed', () => {
    const window = new DeliveryWindow();
    window.admit([entry('first')], false);
    const later = Array.from({ length: 9_999 }, (_, index) => entry(String(index)));
    window.admit(later, false);
    assert.deepEqual(window.admit([entry('first')], false), [], '10,000 remembered: still seen');
    window.admit([entry('one more')], false);
    assert.deepEqual(cursors(window.admit([entry('first')], false)), ['first']);
    assert.deepEqual(window.admit([entry('1')], false), [], 'admitting it again forgot only the next oldest');
    assert.deepEqual(cursors(window.admit([entry('0')], false)), ['0']);
  });
});
