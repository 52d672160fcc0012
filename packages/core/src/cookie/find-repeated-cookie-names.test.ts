import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRepeatedCookieNames } from './find-repeated-cookie-names.js';

const names = ['__Host-tessera-session', '__Secure-tessera-refresh'];

describe('findRepeatedCookieNames (DESIGN §3.2, cookie tossing)', () => {
  it('finds a name sent twice, whichever value comes first', () => {
    assert.deepEqual(
      findRepeatedCookieNames('__Secure-tessera-refresh=a; __Secure-tessera-refresh=b', names),
      ['__Secure-tessera-refresh'],
    );
  });

  it('sees through the whitespace the parser trims', () => {
    assert.deepEqual(findRepeatedCookieNames('__Host-tessera-session=a;\t__Host-tessera-session =b', names), [
      '__Host-tessera-session',
    ]);
  });

  it('ignores names it was not asked about, single names, and pairs without "="', () => {
    assert.deepEqual(findRepeatedCookieNames('theme=a; theme=b; __Host-tessera-session=x', names), []);
    assert.deepEqual(findRepeatedCookieNames('__Host-tessera-session; __Host-tessera-session=x', names), []);
  });

  it('is not fooled by a name that occurs twice without being sent twice (the quick check falls through)', () => {
    assert.deepEqual(
      findRepeatedCookieNames('__Host-tessera-session=x; note=__Host-tessera-session', names),
      [],
    );
    assert.deepEqual(
      findRepeatedCookieNames('x__Host-tessera-session=1; __Host-tessera-session=2', names),
      [],
    );
    assert.deepEqual(
      findRepeatedCookieNames(
        'a=__Host-tessera-session; __Host-tessera-session=1; __Host-tessera-session=2',
        names,
      ),
      ['__Host-tessera-session'],
    );
  });

  it('treats a name of another case as another cookie (browsers and the parser do)', () => {
    assert.deepEqual(
      findRepeatedCookieNames('__Host-tessera-session=a; __host-tessera-session=b', names),
      [],
    );
  });

  it('never throws on hostile input', () => {
    assert.deepEqual(findRepeatedCookieNames(undefined, names), []);
    assert.deepEqual(findRepeatedCookieNames(['a=1'] as unknown as string, names), []);
    assert.deepEqual(findRepeatedCookieNames(';;;===;\u0000', names), []);
  });
});
