import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustProxy } from './parse-trust-proxy.js';
import { resolveClientIp } from './resolve-client-ip.js';
import type { TrustProxy } from './trust-proxy.js';

const none: TrustProxy = { kind: 'none' };
const oneHop: TrustProxy = { kind: 'hops', hops: 1 };
const twoHops: TrustProxy = { kind: 'hops', hops: 2 };
const proxies = parseTrustProxy('10.0.0.0/8, 2001:db8::/32, ::ffff:192.168.0.1', 'TESSERA_TRUST_PROXY');

interface Case {
  readonly name: string;
  readonly source: 'DESIGN §3.1' | 'ours' | 'ours, negative';
  readonly peer: string;
  readonly forwardedFor: string | undefined;
  readonly trustProxy: TrustProxy;
  readonly expected: string;
}

const cases: readonly Case[] = [
  // Nothing trusted: X-Forwarded-For is whatever the client typed.
  {
    name: 'spoofing bypass: no trust configured, X-Forwarded-For ignored',
    source: 'DESIGN §3.1',
    peer: '203.0.113.7',
    forwardedFor: '1.2.3.4',
    trustProxy: none,
    expected: '203.0.113.7',
  },
  {
    name: 'none, no header',
    source: 'DESIGN §3.1',
    peer: '203.0.113.7',
    forwardedFor: undefined,
    trustProxy: none,
    expected: '203.0.113.7',
  },
  {
    name: 'none, IPv4-mapped peer',
    source: 'ours',
    peer: '::ffff:203.0.113.7',
    forwardedFor: undefined,
    trustProxy: none,
    expected: '203.0.113.7',
  },
  {
    name: 'none, IPv6 peer canonicalized',
    source: 'ours',
    peer: '2001:DB8:0:0::1',
    forwardedFor: undefined,
    trustProxy: none,
    expected: '2001:db8::1',
  },
  {
    name: 'none, non-IP peer passed through',
    source: 'ours',
    peer: '/run/tessera.sock',
    forwardedFor: '1.2.3.4',
    trustProxy: none,
    expected: '/run/tessera.sock',
  },

  // Hop counts.
  {
    name: 'hops 1: right-most entry',
    source: 'DESIGN §3.1',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, 198.51.100.1, 203.0.113.7',
    trustProxy: oneHop,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 2: second from the right',
    source: 'DESIGN §3.1',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, 198.51.100.1, 203.0.113.7',
    trustProxy: twoHops,
    expected: '198.51.100.1',
  },
  {
    name: 'hops 2, one entry: the left-most',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '203.0.113.7',
    trustProxy: twoHops,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 1, header absent: the peer',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: undefined,
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 1, header empty: the peer',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 1, whitespace trimmed',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: ' 1.2.3.4 ,\t203.0.113.7  ',
    trustProxy: oneHop,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 1, IPv6 entry canonicalized',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '2001:DB8::0:1',
    trustProxy: oneHop,
    expected: '2001:db8::1',
  },
  {
    name: 'hops 1, IPv4-mapped entry as IPv4',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '::ffff:203.0.113.7',
    trustProxy: oneHop,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 1, garbage right-most entry: the peer',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, garbage',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 2, garbage second entry: the last valid (right-most)',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, <script>, 203.0.113.7',
    trustProxy: twoHops,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 2, empty second entry: the last valid',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4,, 203.0.113.7',
    trustProxy: twoHops,
    expected: '203.0.113.7',
  },
  {
    name: 'hops 1, entry with a port is not an IP',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '203.0.113.7:5555',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 1, bracketed IPv6 is not an IP',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '[2001:db8::1]',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 1, leading-zero IPv4 is not an IP',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '010.0.0.1',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 1, trailing comma: the peer',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '203.0.113.7,',
    trustProxy: oneHop,
    expected: '10.0.0.2',
  },
  {
    name: 'hops 2, leading comma: the last valid',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: ',203.0.113.7',
    trustProxy: twoHops,
    expected: '203.0.113.7',
  },

  // Listed proxies.
  {
    name: 'list: right-most entry not listed',
    source: 'DESIGN §3.1',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, 203.0.113.7',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list with CIDR: listed entries skipped',
    source: 'DESIGN §3.1',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, 203.0.113.7, 10.1.2.3, 10.9.9.9',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: peer not listed, header ignored',
    source: 'DESIGN §3.1',
    peer: '203.0.113.9',
    forwardedFor: '1.2.3.4',
    trustProxy: proxies,
    expected: '203.0.113.9',
  },
  {
    name: 'list: all entries listed, the left-most',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '10.0.0.3, 10.0.0.4',
    trustProxy: proxies,
    expected: '10.0.0.3',
  },
  {
    name: 'list: header absent, the peer',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: undefined,
    trustProxy: proxies,
    expected: '10.0.0.2',
  },
  {
    name: 'list: IPv6 proxy and client',
    source: 'ours',
    peer: '2001:db8::10',
    forwardedFor: '2001:db9::abcd, 2001:db8::11',
    trustProxy: proxies,
    expected: '2001:db9::abcd',
  },
  {
    name: 'list: mapped peer matches an IPv4 rule',
    source: 'ours',
    peer: '::ffff:10.0.0.2',
    forwardedFor: '203.0.113.7',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: IPv4 peer matches a mapped rule',
    source: 'ours',
    peer: '192.168.0.1',
    forwardedFor: '203.0.113.7',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: mapped entry is skipped as a listed proxy',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '203.0.113.7, ::ffff:10.0.0.5',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: mapped client returned as IPv4',
    source: 'ours',
    peer: '10.0.0.2',
    forwardedFor: '::ffff:203.0.113.7',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: attacker prepends a listed address, still their own',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '10.0.0.7, 203.0.113.7',
    trustProxy: proxies,
    expected: '203.0.113.7',
  },
  {
    name: 'list: garbage right-most entry, the peer',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, not-an-ip',
    trustProxy: proxies,
    expected: '10.0.0.2',
  },
  {
    name: 'list: garbage past a listed entry, the last valid (listed) one',
    source: 'ours, negative',
    peer: '10.0.0.2',
    forwardedFor: '1.2.3.4, unknown, 10.0.0.8',
    trustProxy: proxies,
    expected: '10.0.0.8',
  },
  {
    name: 'list: non-IP peer is not listed',
    source: 'ours, negative',
    peer: 'garbage',
    forwardedFor: '1.2.3.4',
    trustProxy: proxies,
    expected: 'garbage',
  },
];

describe('resolveClientIp', () => {
  for (const { name, source, peer, forwardedFor, trustProxy, expected } of cases) {
    it(`${name} (${source})`, () => {
      assert.equal(resolveClientIp(peer, forwardedFor, trustProxy), expected);
    });
  }

  it('reads only as many entries as it needs from a huge header', () => {
    const huge = '1.2.3.4, '.repeat(200_000) + 'x'.repeat(1_000_000) + ', 203.0.113.7';
    const started = performance.now();
    assert.equal(resolveClientIp('10.0.0.2', huge, oneHop), '203.0.113.7');
    assert.equal(resolveClientIp('10.0.0.2', huge, twoHops), '203.0.113.7');
    assert.equal(resolveClientIp('10.0.0.2', huge, proxies), '203.0.113.7');
    assert.equal(resolveClientIp('10.0.0.2', huge, none), '10.0.0.2');
    assert.ok(performance.now() - started < 2000);
  });

  it('walks a huge all-listed header in linear time', () => {
    const huge = '10.0.0.1,'.repeat(100_000) + '10.0.0.3';
    const started = performance.now();
    assert.equal(resolveClientIp('10.0.0.2', huge, proxies), '10.0.0.1');
    assert.ok(performance.now() - started < 5000);
  });

  it('never throws on hostile input', () => {
    const hostile = [
      '\u0000',
      '\ud800',
      ',,,,',
      '::ffff:',
      '%',
      'fe80::1%' + 'a'.repeat(500),
      '1.2.3.4\r\n5.6.7.8',
    ];
    for (const trustProxy of [none, oneHop, twoHops, proxies]) {
      for (const value of hostile) {
        assert.equal(typeof resolveClientIp('10.0.0.2', value, trustProxy), 'string');
        assert.equal(typeof resolveClientIp(value, value, trustProxy), 'string');
      }
    }
  });

  it('does not throw when a JS caller passes non-strings', () => {
    const peer = undefined as unknown as string;
    const header = ['1.2.3.4'] as unknown as string;
    assert.equal(resolveClientIp(peer, '203.0.113.7', oneHop), '203.0.113.7');
    assert.equal(resolveClientIp(peer, undefined, none), '');
    assert.equal(resolveClientIp('10.0.0.2', header, oneHop), '10.0.0.2');
  });
});
