import { isIP, SocketAddress } from 'node:net';

/**
 * An IP address in one textual form per address, with the family `node:net` BlockList expects.
 *
 * @example
 * const ip: CanonicalIpAddress = { address: '10.0.0.1', family: 'ipv4' };
 */
export interface CanonicalIpAddress {
  readonly address: string;
  readonly family: 'ipv4' | 'ipv6';
}

// The longest IPv6 text is 45 characters (with an embedded IPv4); the rest leaves room for a zone id.
// Anything longer is not an address, and is refused before any parsing work.
const maxAddressLength = 100;

/**
 * Returns the canonical form of an IP address (IPv4-mapped IPv6 as IPv4, IPv6 compressed lower-case), or `null`.
 *
 * @example
 * canonicalizeIpAddress('::FFFF:10.0.0.1'); // { address: '10.0.0.1', family: 'ipv4' }
 */
export function canonicalizeIpAddress(text: string): CanonicalIpAddress | null {
  if (typeof text !== 'string' || text.length > maxAddressLength) return null;
  const version = isIP(text);
  // `isIP` accepts only dotted-decimal IPv4 without leading zeros, which is already canonical.
  if (version === 4) return { address: text, family: 'ipv4' };
  if (version !== 6) return null;
  let canonical: string;
  try {
    // inet_ntop form (RFC 5952): lower-case, zeros compressed, zone id dropped, and IPv4-mapped
    // addresses (RFC 4291 §2.5.5.2) written as ::ffff:a.b.c.d whatever form they came in.
    canonical = new SocketAddress({ address: text, family: 'ipv6' }).address;
  } catch {
    return null;
  }
  // An IPv4 client reaching a dual-stack socket shows up as ::ffff:a.b.c.d; it is the same client as
  // a.b.c.d, so it gets the same identity (and the same throttling bucket).
  if (canonical.startsWith('::ffff:')) {
    const mapped = canonical.slice('::ffff:'.length);
    if (isIP(mapped) === 4) return { address: mapped, family: 'ipv4' };
  }
  return { address: canonical, family: 'ipv6' };
}
