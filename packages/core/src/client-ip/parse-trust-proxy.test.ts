import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustProxy } from './parse-trust-proxy.js';
import type { TrustProxy } from './trust-proxy.js';

const variable = 'TESSERA_TRUST_PROXY';

function addresses(trustProxy: TrustProxy): TrustProxy & { kind: 'addresses' } {
  if (trustProxy.kind !== 'addresses') assert.fail(`expected an address list, got ${trustProxy.kind}`);
  return trustProxy;
}

describe('parseTrustProxy', () => {
  it('is none when unset or blank (DESIGN §3.1: X-Forwarded-For ignored)', () => {
    for (const value of [undefined, '', '  ']) {
      assert.deepEqual(parseTrustProxy(value, variable), { kind: 'none' });
    }
  });

  it('reads a positive integer as a hop count (DESIGN §3.1)', () => {
    assert.deepEqual(parseTrustProxy('1', variable), { kind: 'hops', hops: 1 });
    assert.deepEqual(parseTrustProxy(' 2 ', variable), { kind: 'hops', hops: 2 });
  });

  it('reads addresses and CIDRs, IPv4 and IPv6 (DESIGN §3.1)', () => {
    const { list } = addresses(parseTrustProxy('10.0.0.0/8, 192.168.1.1, 2001:db8::/32, ::1', variable));
    assert.equal(list.check('10.20.30.40', 'ipv4'), true);
    assert.equal(list.check('11.0.0.1', 'ipv4'), false);
    assert.equal(list.check('192.168.1.1', 'ipv4'), true);
    assert.equal(list.check('192.168.1.2', 'ipv4'), false);
    assert.equal(list.check('2001:db8:1::5', 'ipv6'), true);
    assert.equal(list.check('2001:db9::5', 'ipv6'), false);
    assert.equal(list.check('::1', 'ipv6'), true);
  });

  it('accepts a single address and /0, /32, /128 prefixes', () => {
    assert.equal(addresses(parseTrustProxy('127.0.0.1', variable)).list.check('127.0.0.1', 'ipv4'), true);
    assert.equal(addresses(parseTrustProxy('0.0.0.0/0', variable)).list.check('8.8.8.8', 'ipv4'), true);
    assert.equal(addresses(parseTrustProxy('10.0.0.1/32', variable)).list.check('10.0.0.2', 'ipv4'), false);
    assert.equal(addresses(parseTrustProxy('fd00::1/128', variable)).list.check('fd00::1', 'ipv6'), true);
  });

  it('writes IPv4-mapped IPv6 entries as IPv4 rules', () => {
    const { list } = addresses(parseTrustProxy('::ffff:10.0.0.1, ::ffff:192.168.0.0/112', variable));
    assert.equal(list.check('10.0.0.1', 'ipv4'), true);
    assert.equal(list.check('192.168.7.7', 'ipv4'), true);
    assert.equal(list.check('192.169.0.1', 'ipv4'), false);
    assert.deepEqual(list.rules.slice().sort(), ['Address: IPv4 10.0.0.1', 'Subnet: IPv4 192.168.0.0/16']);
  });

  it('keeps wide IPv6 subnets as IPv6', () => {
    const { list } = addresses(parseTrustProxy('::ffff:0:0/80', variable));
    assert.deepEqual(list.rules, ['Subnet: IPv6 ::ffff:0.0.0.0/80']);
    assert.equal(list.check('10.0.0.1', 'ipv4'), true);
  });

  // ours, negative: a configuration bug must stop start-up with the variable and the entry named.
  const rejected: readonly { readonly value: string; readonly entry: string }[] = [
    { value: '0', entry: '0' },
    { value: '99999999999999999999', entry: '99999999999999999999' },
    { value: '-1', entry: '-1' },
    { value: '1.5', entry: '1.5' },
    { value: 'true', entry: 'true' },
    { value: 'loopback', entry: 'loopback' },
    { value: 'localhost', entry: 'localhost' },
    { value: '10.0.0.256', entry: '10.0.0.256' },
    { value: '010.0.0.1', entry: '010.0.0.1' },
    { value: '10.0.0.0/33', entry: '10.0.0.0/33' },
    { value: '10.0.0.0/', entry: '10.0.0.0/' },
    { value: '10.0.0.0/-1', entry: '10.0.0.0/-1' },
    { value: '10.0.0.0/8/8', entry: '10.0.0.0/8/8' },
    { value: '10.0.0.0/255.0.0.0', entry: '10.0.0.0/255.0.0.0' },
    { value: '2001:db8::/129', entry: '2001:db8::/129' },
    { value: '::ffff:10.0.0.0/129', entry: '::ffff:10.0.0.0/129' },
    { value: '[::1]', entry: '[::1]' },
    { value: '10.0.0.1:8080', entry: '10.0.0.1:8080' },
    { value: '10.0.0.1,', entry: '' },
    { value: '10.0.0.1,,10.0.0.2', entry: '' },
    { value: '10.0.0.1 10.0.0.2', entry: '10.0.0.1 10.0.0.2' },
    { value: '10.0.0.1, 1', entry: '1' },
  ];
  for (const { value, entry } of rejected) {
    it(`rejects ${JSON.stringify(value)} with a TypeError naming the variable and the entry`, () => {
      assert.throws(
        () => parseTrustProxy(value, variable),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.ok(error.message.startsWith(`${variable}: `), error.message);
          assert.ok(error.message.includes(JSON.stringify(entry)), error.message);
          return true;
        },
      );
    });
  }
});
