import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalizeIpAddress } from './canonicalize-ip-address.js';

describe('canonicalizeIpAddress', () => {
  const accepted: readonly {
    readonly text: string;
    readonly address: string;
    readonly family: 'ipv4' | 'ipv6';
  }[] = [
    { text: '203.0.113.7', address: '203.0.113.7', family: 'ipv4' },
    { text: '::ffff:203.0.113.7', address: '203.0.113.7', family: 'ipv4' },
    { text: '::FFFF:cb00:7107', address: '203.0.113.7', family: 'ipv4' },
    { text: '0:0:0:0:0:ffff:203.0.113.7', address: '203.0.113.7', family: 'ipv4' },
    { text: '2001:DB8:0:0:0:0:0:1', address: '2001:db8::1', family: 'ipv6' },
    { text: '::1', address: '::1', family: 'ipv6' },
    { text: '::', address: '::', family: 'ipv6' },
    { text: '::203.0.113.7', address: '::203.0.113.7', family: 'ipv6' },
    { text: '::CB00:7107', address: '::203.0.113.7', family: 'ipv6' },
    { text: 'fe80::1%eth0', address: 'fe80::1', family: 'ipv6' },
  ];
  for (const { text, address, family } of accepted) {
    it(`canonicalizes ${text}`, () => {
      assert.deepEqual(canonicalizeIpAddress(text), { address, family });
    });
  }

  // ours, negative
  const rejected = [
    '',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '010.0.0.1',
    '1.2.3',
    '256.0.0.1',
    '[::1]',
    '1.2.3.4:80',
    'localhost',
    '::ffff:',
    'a'.repeat(101),
  ];
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text.slice(0, 20))}`, () => {
      assert.equal(canonicalizeIpAddress(text), null);
    });
  }
});
