import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { throttleScopeOfIp } from './throttle-scope-of-ip.js';

describe('throttleScopeOfIp', () => {
  it('groups IPv6 by /64, whatever the address inside it', () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:9']) {
      assert.equal(throttleScopeOfIp(address), '2001:db8:1:2::/64');
    }
    assert.equal(throttleScopeOfIp('2001:db8:1:3::1'), '2001:db8:1:3::/64', 'the next /64 is another');
  });

  it('handles `::` anywhere, and zero groups in the prefix', () => {
    assert.equal(throttleScopeOfIp('::1'), '::/64');
    assert.equal(throttleScopeOfIp('2001:db8::1'), '2001:db8::/64');
    assert.equal(throttleScopeOfIp('2001:0:0:5::1'), '2001:0:0:5::/64');
    assert.equal(throttleScopeOfIp('fe80::1:2:3:4'), 'fe80::/64');
    assert.equal(throttleScopeOfIp('1:2:3:4:5::'), '1:2:3:4::/64');
    assert.equal(throttleScopeOfIp('64:ff9b::203.0.113.7'), '64:ff9b::/64');
  });

  it('keeps IPv4 per address, IPv4-mapped IPv6 included', () => {
    assert.equal(throttleScopeOfIp('203.0.113.7'), '203.0.113.7');
    assert.equal(throttleScopeOfIp('::ffff:203.0.113.7'), '203.0.113.7');
  });

  it('passes anything that is not an IP through', () => {
    assert.equal(throttleScopeOfIp('/tmp/tessera.sock'), '/tmp/tessera.sock');
    assert.equal(throttleScopeOfIp(''), '');
  });
});
