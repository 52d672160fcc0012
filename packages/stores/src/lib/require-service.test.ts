import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { requireService } from './require-service.js';

describe('requireService', () => {
  let savedCi: string | undefined;
  beforeEach(() => {
    savedCi = process.env['CI'];
  });
  afterEach(() => {
    if (savedCi === undefined) delete process.env['CI'];
    else process.env['CI'] = savedCi;
  });

  it('runs the tests when the probe resolves', async () => {
    process.env['CI'] = 'true';
    assert.deepEqual(await requireService('Thing at here', () => Promise.resolve()), { skip: false });
  });

  it('skips with the name, the failure and the hint when the probe rejects outside CI', async () => {
    delete process.env['CI'];
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const { skip } = await requireService('Thing at 127.0.0.1:1', () => Promise.reject(refused));
    assert.equal(
      skip,
      'Thing at 127.0.0.1:1 not reachable (connect ECONNREFUSED 127.0.0.1:1): start it as ../shared/SERVICES.md says',
    );
    process.env['CI'] = 'false';
    assert.notEqual((await requireService('Thing', () => Promise.reject(refused))).skip, false);
  });

  it('fails when CI is set, instead of passing with nothing tested', async () => {
    process.env['CI'] = '1';
    await assert.rejects(
      requireService('Thing at 127.0.0.1:1', () => Promise.reject(new Error('refused'))),
      (error: unknown) =>
        error instanceof assert.AssertionError &&
        error.message.includes('Thing at 127.0.0.1:1 not reachable (refused)') &&
        error.message.includes('CI is set'),
    );
  });
});
