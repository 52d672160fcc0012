import { canonicalizeIpAddress } from './canonicalize-ip-address.js';

/**
 * The network a client address is throttled as: an IPv6 address by its /64 (`2001:db8:1:2::/64`),
 * an IPv4 address (IPv4-mapped IPv6 included) by itself. Anything that is not an IP (a Unix socket
 * peer) is returned as it is.
 *
 * One subscriber, one host, usually gets a whole /64 (RFC 6177, RFC 7934 §6), and can pick a new
 * address in it for every request: counting per address would give it 2^64 allowances.
 *
 * @example
 * throttleScopeOfIp('2001:db8:1:2:aaaa::1'); // '2001:db8:1:2::/64'
 * throttleScopeOfIp('::ffff:203.0.113.7');  // '203.0.113.7'
 */
export function throttleScopeOfIp(ip: string): string {
  const canonical = canonicalizeIpAddress(ip);
  if (canonical === null) return ip;
  if (canonical.family === 'ipv4') return canonical.address;
  const prefix = firstFourGroups(canonical.address);
  // Canonical again (RFC 5952: zeros compressed), so every address of the /64 gives the same text.
  return `${canonicalizeIpAddress(`${prefix}::`)?.address ?? prefix}/64`;
}

/** The first four 16-bit groups of a canonical IPv6 address (no zone id, `::` at most once). */
function firstFourGroups(address: string): string {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  if (tail === undefined || headGroups.length >= 4) return headGroups.slice(0, 4).join(':');
  // `::` stands for the zero groups between head and tail; an embedded IPv4 tail is two groups.
  const tailGroups =
    tail === '' ? [] : tail.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const zeros = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0');
  return [...headGroups, ...zeros, ...tailGroups].slice(0, 4).join(':');
}
