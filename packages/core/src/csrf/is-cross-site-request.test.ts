import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CsrfRequestHeaders } from './csrf-request-headers.js';
import { isCrossSiteRequest } from './is-cross-site-request.js';

const trusted: ReadonlySet<string> = new Set(['https://app.example.com', 'http://localhost:5173']);
const host = 'api.example.com';

interface Case {
  readonly name: string;
  readonly source: 'DESIGN §3.1' | 'ours' | 'ours, negative';
  readonly request: CsrfRequestHeaders;
  readonly crossSite: boolean;
}

const cases: readonly Case[] = [
  {
    name: 'trusted origin passes',
    source: 'DESIGN §3.1',
    request: { origin: 'https://app.example.com', secFetchSite: 'same-site', host },
    crossSite: false,
  },
  {
    name: 'trusted origin passes whatever Sec-Fetch-Site says (cross-site)',
    source: 'DESIGN §3.1',
    request: { origin: 'https://app.example.com', secFetchSite: 'cross-site', host },
    crossSite: false,
  },
  {
    name: 'trusted origin with a non-default port passes',
    source: 'DESIGN §3.1',
    request: { origin: 'http://localhost:5173', secFetchSite: 'cross-site', host: 'localhost:3000' },
    crossSite: false,
  },
  {
    name: 'Origin: null never matches',
    source: 'DESIGN §3.1',
    request: { origin: 'null', secFetchSite: 'cross-site', host },
    crossSite: true,
  },
  {
    name: 'Origin: null is refused even when Sec-Fetch-Site says same-origin',
    source: 'ours, negative',
    request: { origin: 'null', secFetchSite: 'same-origin', host },
    crossSite: true,
  },
  {
    name: 'same-site subdomain origin is refused',
    source: 'DESIGN §3.1',
    request: { origin: 'https://evil.example.com', secFetchSite: 'same-site', host },
    crossSite: true,
  },
  {
    name: 'untrusted origin is refused even when Sec-Fetch-Site claims same-origin',
    source: 'DESIGN §3.1',
    request: { origin: 'https://evil.example', secFetchSite: 'same-origin', host },
    crossSite: true,
  },
  {
    name: 'untrusted origin without Sec-Fetch-Site is refused',
    source: 'DESIGN §3.1',
    request: { origin: 'https://evil.example', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'origin comparison is exact: trailing slash refused',
    source: 'ours, negative',
    request: { origin: 'https://app.example.com/', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'origin comparison is exact: explicit default port refused',
    source: 'ours, negative',
    request: { origin: 'https://app.example.com:443', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'origin comparison is exact: upper case refused',
    source: 'ours, negative',
    request: { origin: 'https://APP.example.com', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'origin comparison is exact: other scheme refused',
    source: 'ours, negative',
    request: { origin: 'http://app.example.com', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'Origin matching Host (the server itself) passes',
    source: 'ours',
    request: { origin: 'https://api.example.com', secFetchSite: 'same-origin', host },
    crossSite: false,
  },
  {
    name: 'Origin matching Host with a port passes',
    source: 'ours',
    request: { origin: 'http://127.0.0.1:3000', secFetchSite: null, host: '127.0.0.1:3000' },
    crossSite: false,
  },
  {
    name: 'Origin matching an IPv6 Host passes',
    source: 'ours',
    request: { origin: 'http://[::1]:3000', secFetchSite: null, host: '[::1]:3000' },
    crossSite: false,
  },
  {
    name: 'Host is compared case-insensitively (RFC 9110 §4.2.3)',
    source: 'ours',
    request: { origin: 'https://api.example.com', secFetchSite: null, host: 'API.Example.com' },
    crossSite: false,
  },
  {
    name: 'Origin with a different port than Host is refused',
    source: 'ours, negative',
    request: { origin: 'http://localhost:4000', secFetchSite: 'same-site', host: 'localhost:3000' },
    crossSite: true,
  },
  {
    name: 'Origin without a port is refused when Host has one',
    source: 'ours, negative',
    request: { origin: 'http://localhost', secFetchSite: null, host: 'localhost:3000' },
    crossSite: true,
  },
  {
    name: 'Origin with a path is never the server’s own origin',
    source: 'ours, negative',
    request: { origin: 'https://api.example.com/x', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'Origin with userinfo is never the server’s own origin',
    source: 'ours, negative',
    request: { origin: 'https://user@api.example.com', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'non-http Origin matching Host is refused',
    source: 'ours, negative',
    request: { origin: 'ftp://api.example.com', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'Unicode case folding cannot make Host match (Kelvin sign)',
    source: 'ours, negative',
    request: { origin: 'https://k.example', secFetchSite: null, host: '\u212a.example' },
    crossSite: true,
  },
  {
    name: 'Origin present but Host absent: only the trusted list counts',
    source: 'ours, negative',
    request: { origin: 'https://api.example.com', secFetchSite: null, host: null },
    crossSite: true,
  },
  {
    name: 'empty Origin is present and untrusted',
    source: 'ours, negative',
    request: { origin: '', secFetchSite: 'same-origin', host: '' },
    crossSite: true,
  },
  {
    name: 'garbage Origin is refused',
    source: 'ours, negative',
    request: { origin: '%%%://\u0000\ud800', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'very long Origin is refused',
    source: 'ours, negative',
    request: { origin: 'https://' + 'a'.repeat(1_000_000) + '.com', secFetchSite: null, host },
    crossSite: true,
  },
  {
    name: 'Sec-Fetch-Site: same-origin passes without Origin',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: 'same-origin', host },
    crossSite: false,
  },
  {
    name: 'Sec-Fetch-Site: none (user-initiated) passes',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: 'none', host },
    crossSite: false,
  },
  {
    name: 'Sec-Fetch-Site: same-site is refused',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: 'same-site', host },
    crossSite: true,
  },
  {
    name: 'Sec-Fetch-Site: cross-site is refused',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: 'cross-site', host },
    crossSite: true,
  },
  {
    name: 'Sec-Fetch-Site values are case-sensitive',
    source: 'ours, negative',
    request: { origin: null, secFetchSite: 'Same-Origin', host },
    crossSite: true,
  },
  {
    name: 'unknown Sec-Fetch-Site value is refused',
    source: 'ours, negative',
    request: { origin: null, secFetchSite: 'same-origin, cross-site', host },
    crossSite: true,
  },
  {
    name: 'empty Sec-Fetch-Site is refused',
    source: 'ours, negative',
    request: { origin: null, secFetchSite: '', host },
    crossSite: true,
  },
  {
    name: 'neither header: a non-browser client passes',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: null, host },
    crossSite: false,
  },
  {
    name: 'neither header and no Host passes',
    source: 'DESIGN §3.1',
    request: { origin: null, secFetchSite: null, host: null },
    crossSite: false,
  },
];

describe('isCrossSiteRequest', () => {
  for (const { name, source, request, crossSite } of cases) {
    it(`${name} (${source})`, () => {
      assert.equal(isCrossSiteRequest(request, trusted), crossSite);
    });
  }

  it('with a public origin, only that origin is the server’s own, scheme included (DESIGN §3.1)', () => {
    const own = 'http://api.example.com';
    const check = (origin: string, secFetchSite: string | null = null) =>
      isCrossSiteRequest({ origin, secFetchSite, host }, trusted, own);
    assert.equal(check('http://api.example.com'), false);
    assert.equal(check('https://api.example.com', 'same-origin'), true, 'other scheme, same Host');
    assert.equal(check('http://api.example.com:80'), true, 'not the serialization browsers send');
    assert.equal(check('https://app.example.com'), false, 'trusted origins still pass');
    assert.equal(check('null'), true);
  });

  it('never matches Origin: null even if a caller put "null" in the set', () => {
    const withNull: ReadonlySet<string> = new Set(['null']);
    assert.equal(isCrossSiteRequest({ origin: 'null', secFetchSite: null, host }, withNull), true);
  });

  it('refuses everything browser-originated but same-origin with an empty trusted set', () => {
    const none: ReadonlySet<string> = new Set();
    assert.equal(
      isCrossSiteRequest({ origin: 'https://app.example.com', secFetchSite: null, host }, none),
      true,
    );
    assert.equal(
      isCrossSiteRequest({ origin: 'https://api.example.com', secFetchSite: null, host }, none),
      false,
    );
  });

  it('does not throw when a JS caller passes non-string headers', () => {
    const arrays = {
      origin: ['https://a.example'],
      secFetchSite: 42,
      host: ['x'],
    } as unknown as CsrfRequestHeaders;
    assert.equal(isCrossSiteRequest(arrays, trusted), true);
    const arrayHost = {
      origin: 'https://api.example.com',
      secFetchSite: null,
      host: [host],
    } as unknown as CsrfRequestHeaders;
    assert.equal(isCrossSiteRequest(arrayHost, trusted), true);
    const fetchSiteNumber = { origin: null, secFetchSite: 0, host } as unknown as CsrfRequestHeaders;
    assert.equal(isCrossSiteRequest(fetchSiteNumber, trusted), true);
  });
});
