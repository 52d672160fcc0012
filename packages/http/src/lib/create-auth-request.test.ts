import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthRequest } from './create-auth-request.js';

describe('createAuthRequest', () => {
  it('drops the query, lower-cases and joins headers, and defaults body and signal', () => {
    const view = createAuthRequest({
      method: 'post',
      url: '/auth/login?next=/x',
      headers: {
        'X-Forwarded-For': ['203.0.113.1', '198.51.100.2'],
        host: 'h',
        // Node joins repeated Cookie headers itself; arrays are joined the way cookies are.
        ...({ cookie: ['a=1', 'b=2'] } as unknown as { cookie: string }),
      },
      peerAddress: undefined,
    });
    assert.equal(view.method, 'POST');
    assert.equal(view.path, '/auth/login');
    assert.equal(view.headers['x-forwarded-for'], '203.0.113.1, 198.51.100.2');
    assert.equal(view.headers['cookie'], 'a=1; b=2');
    assert.equal(view.peerAddress, '');
    assert.equal(view.body.length, 0);
    assert.equal(view.signal.aborted, false);
    // No prototype: a hostile header name is just a header.
    assert.equal(
      createAuthRequest({ method: 'GET', url: '/', headers: {}, peerAddress: '' }).headers['constructor'],
      undefined,
    );
  });

  it("reads Node's own header object (no prototype) whether or not it holds lists", () => {
    const plain = Object.assign(Object.create(null) as Record<string, string>, { cookie: 'a=1', host: 'h' });
    const view = createAuthRequest({ method: 'GET', url: '/', headers: plain, peerAddress: '' });
    assert.equal(view.headers['cookie'], 'a=1');
    assert.equal(view.headers['host'], 'h');
    assert.equal(view.headers['constructor'], undefined);
    const withList = Object.assign(Object.create(null) as Record<string, string | string[]>, {
      'X-Forwarded-For': ['203.0.113.1', '198.51.100.2'],
      cookie: 'a=1',
    });
    const listed = createAuthRequest({ method: 'GET', url: '/', headers: withList, peerAddress: '' });
    assert.equal(listed.headers['x-forwarded-for'], '203.0.113.1, 198.51.100.2');
    assert.equal(listed.headers['cookie'], 'a=1');
  });

  it('makes the signal when first read, from one getter shared by every view, copied by a spread', () => {
    let made = 0;
    const controller = new AbortController();
    const input = {
      method: 'GET',
      url: '/',
      headers: {},
      peerAddress: '',
      signal: () => {
        made += 1;
        return controller.signal;
      },
    };
    const view = createAuthRequest(input);
    assert.equal(made, 0);
    assert.equal(view.signal, controller.signal);
    assert.deepEqual(Object.keys(view), [
      'method',
      'path',
      'query',
      'headers',
      'body',
      'peerAddress',
      'signal',
    ]);
    assert.equal({ ...view }.signal, controller.signal);
    // A getter closure per request kept each request's objects alive through young-generation
    // collections (docs/bench/pipeline-profile.md, GC): every view shares one getter.
    const getterOf = (value: object): unknown =>
      Reflect.get(Object.getOwnPropertyDescriptor(value, 'signal') ?? {}, 'get');
    assert.equal(typeof getterOf(view), 'function');
    assert.equal(getterOf(view), getterOf(createAuthRequest(input)));
  });

  it('reads Web Headers', () => {
    const headers = new Headers([
      ['Sec-Fetch-Site', 'cross-site'],
      ['Accept', 'a'],
      ['Accept', 'b'],
    ]);
    const view = createAuthRequest({ method: 'GET', url: '/x', headers, peerAddress: '::1' });
    assert.equal(view.headers['sec-fetch-site'], 'cross-site');
    assert.equal(view.headers['accept'], 'a, b');
  });
});
