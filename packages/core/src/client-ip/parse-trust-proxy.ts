import { BlockList, isIP } from 'node:net';
import { canonicalizeIpAddress } from './canonicalize-ip-address.js';
import type { TrustProxy } from './trust-proxy.js';

/**
 * Parses `TESSERA_TRUST_PROXY`: unset → `X-Forwarded-For` ignored; `N` → N proxy hops; else a comma list of proxy IPs/CIDRs.
 *
 * @example
 * parseTrustProxy('10.0.0.0/8, ::1', 'TESSERA_TRUST_PROXY'); // { kind: 'addresses', list: BlockList }
 */
export function parseTrustProxy(value: string | undefined, variableName: string): TrustProxy {
  // Unset, X-Forwarded-For is ignored: any client can send it, so honouring it without a proxy in front
  // would let anyone choose the IP their login failures are counted against (DESIGN §4). The
  // `Forwarded` header (RFC 7239) is never read.
  if (value === undefined || value.trim() === '') return { kind: 'none' };
  const trimmed = value.trim();
  if (/^[0-9]+$/.test(trimmed)) {
    const hops = Number(trimmed);
    if (!Number.isSafeInteger(hops) || hops < 1) {
      throw new TypeError(
        `${variableName}: ${JSON.stringify(trimmed)} is not a positive hop count; leave it unset to ignore X-Forwarded-For.`,
      );
    }
    return { kind: 'hops', hops };
  }
  const list = new BlockList();
  for (const rawEntry of trimmed.split(',')) {
    addEntry(list, rawEntry.trim(), variableName);
  }
  return { kind: 'addresses', list };
}

function addEntry(list: BlockList, entry: string, variableName: string): void {
  const fail = (): never => {
    throw new TypeError(
      `${variableName}: ${JSON.stringify(entry)} is not an IP address or CIDR; expected a hop count such as 1 or a comma-separated list such as 10.0.0.0/8, 2001:db8::1.`,
    );
  };
  const slash = entry.indexOf('/');
  const addressText = slash === -1 ? entry : entry.slice(0, slash);
  const ip = canonicalizeIpAddress(addressText);
  if (ip === null) return fail();
  if (slash === -1) {
    list.addAddress(ip.address, ip.family);
    return;
  }
  const prefixText = entry.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText)) return fail();
  const prefix = Number(prefixText);
  if (isIP(addressText) === 6) {
    if (prefix > 128) return fail();
    // ::ffff:a.b.c.d/96+n is the IPv4 subnet a.b.c.d/n (RFC 4291 §2.5.5.2); written as IPv4 so the rule
    // reads the way clients are resolved. Wider IPv6 subnets stay IPv6: BlockList matches IPv4 addresses
    // against them through their mapped form.
    if (ip.family === 'ipv4' && prefix >= 96) list.addSubnet(ip.address, prefix - 96, 'ipv4');
    else list.addSubnet(addressText, prefix, 'ipv6');
    return;
  }
  if (prefix > 32) return fail();
  list.addSubnet(ip.address, prefix, 'ipv4');
}
