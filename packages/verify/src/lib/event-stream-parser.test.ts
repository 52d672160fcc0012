import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStreamParser } from './event-stream-parser.js';

describe('EventStreamParser (WHATWG HTML §9.2.6)', () => {
  it('dispatches on a blank line with id, event and data', () => {
    const parser = new EventStreamParser('');
    const events = parser.push('id: 7\nevent: revocation\ndata: {"a":1}\n\n');
    assert.deepEqual(events, [{ type: 'revocation', data: '{"a":1}', lastEventId: '7' }]);
    assert.equal(parser.lastEventId, '7');
  });

  it('joins multiple data lines with LF and defaults the type to message', () => {
    assert.deepEqual(new EventStreamParser('').push('data: a\ndata:b\ndata\n\n'), [
      { type: 'message', data: 'a\nb\n', lastEventId: '' },
    ]);
  });

  it('handles CRLF, CR and LF, also when a CRLF is split across chunks', () => {
    const parser = new EventStreamParser('');
    assert.deepEqual(parser.push('data: one\r'), []);
    assert.deepEqual(parser.push('\n\r\ndata: two\r\rdata: three\n\n'), [
      { type: 'message', data: 'one', lastEventId: '' },
      { type: 'message', data: 'two', lastEventId: '' },
      { type: 'message', data: 'three', lastEventId: '' },
    ]);
  });

  it('assembles events split at any byte', () => {
    const stream = ': ping\n\nid: 1\nevent: revocation\ndata: {"x":"y"}\n\nid: 2\ndata: z\n\n';
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const parser = new EventStreamParser('');
      const events = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
      assert.deepEqual(events, [
        { type: 'revocation', data: '{"x":"y"}', lastEventId: '1' },
        { type: 'message', data: 'z', lastEventId: '2' },
      ]);
    }
  });

  it('ignores comments (heartbeats) and unknown fields, and retry', () => {
    assert.deepEqual(new EventStreamParser('').push(': ping\nfoo: bar\nretry: 10\n\n'), []);
  });

  it('strips only one leading space of a value', () => {
    assert.deepEqual(new EventStreamParser('').push('data:  two spaces\n\n')[0]?.data, ' two spaces');
  });

  it('keeps the last event id across events and from the constructor; ignores ids with NUL', () => {
    const parser = new EventStreamParser('41');
    assert.equal(parser.push('data: a\n\n')[0]?.lastEventId, '41');
    assert.equal(parser.push('id: 4\u00002\ndata: b\n\n')[0]?.lastEventId, '41');
    parser.push('id: 42\n\n'); // an id-only block moves the id without an event
    assert.equal(parser.lastEventId, '42');
    assert.equal(parser.push('data: c\n\n')[0]?.lastEventId, '42');
  });

  it('strips one BOM at the start of the stream only', () => {
    const parser = new EventStreamParser('');
    assert.deepEqual(parser.push('\uFEFFdata: a\n\n'), [{ type: 'message', data: 'a', lastEventId: '' }]);
    assert.deepEqual(parser.push('\uFEFFdata: b\n\n'), []);
  });

  it('holds an unfinished event until its blank line, and reports what it holds', () => {
    const parser = new EventStreamParser('');
    assert.deepEqual(parser.push('data: partial\n'), []);
    assert.ok(parser.pendingLength > 0);
  });
});
