import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJsonLogger } from './create-json-logger.js';

describe('createJsonLogger', () => {
  it('writes one JSON object per line, batched per event-loop turn', async () => {
    const writes: string[] = [];
    const logger = createJsonLogger((text) => writes.push(text));
    logger.info('first', { status: 200 });
    logger.warn('second');
    assert.equal(writes.length, 0, 'nothing is written synchronously');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 1, 'one write for the whole turn');
    const lines = writes[0]!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => [line['level'], line['msg']]),
      [
        ['info', 'first'],
        ['warn', 'second'],
      ],
    );
    assert.equal(lines[0]!['status'], 200);
    assert.equal(typeof lines[0]!['time'], 'string');
  });

  it('flush() writes out what is pending at once (before exit)', () => {
    const writes: string[] = [];
    const logger = createJsonLogger((text) => writes.push(text));
    logger.error('bye');
    logger.flush();
    assert.equal(writes.length, 1);
    logger.flush();
    assert.equal(writes.length, 1, 'nothing more to write');
  });
});
