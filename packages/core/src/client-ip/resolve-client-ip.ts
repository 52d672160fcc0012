import type { BlockList } from 'node:net';
import type { CanonicalIpAddress } from './canonicalize-ip-address.js';
import { canonicalizeIpAddress } from './canonicalize-ip-address.js';
import type { TrustProxy } from './trust-proxy.js';

/**
 * The client's IP address (canonical form) from the socket peer and `X-Forwarded-For`, as `trustProxy` allows; never throws.
 *
 * @example
 * resolveClientIp('10.0.0.2', '198.51.100.1, 203.0.113.7', { kind: 'hops', hops: 1 }); // '203.0.113.7'
 */
export function resolveClientIp(
  peerAddress: string,
  forwardedFor: string | undefined,
  trustProxy: TrustProxy,
): string {
  const peer = canonicalizeIpAddress(peerAddress);
  // A peer that is not an IP (a Unix socket, or a destroyed socket's undefined) is passed through as is.
  const peerText = peer?.address ?? (typeof peerAddress === 'string' ? peerAddress : '');
  // One comma-joined string: the caller joins repeated X-Forwarded-For headers (RFC 9110 §5.3).
  if (typeof forwardedFor !== 'string') return peerText;
  switch (trustProxy.kind) {
    case 'none':
      // No proxy configured: X-Forwarded-For is client-supplied and ignored (DESIGN §3.1).
      return peerText;
    case 'hops':
      return walkHops(peerText, forwardedFor, trustProxy.hops);
    case 'addresses':
      if (peer === null || !isListed(trustProxy.list, peer)) return peerText;
      return walkPastListed(peer.address, forwardedFor, trustProxy.list);
  }
}

// Each proxy appends the address it received the request from, so entries are read from the right: the
// right-most ones were written by our proxies, anything to their left by whoever sent the request.
//
// An entry that is not an IP stops the walk and the last valid address seen (the peer, or an entry to its
// right) is the client. Everything right of the bad entry was written by a proxy we trust, while the bad
// entry itself, and everything left of it, may be attacker text; skipping over it would hand the choice
// of identity to the attacker, and a garbage string is never a usable identity.

function walkHops(peerText: string, forwardedFor: string, hops: number): string {
  let client = peerText;
  let position = 0;
  for (const entry of entriesFromRight(forwardedFor)) {
    const ip = canonicalizeIpAddress(entry);
    if (ip === null) return client;
    client = ip.address;
    position += 1;
    if (position === hops) return client;
  }
  // Fewer entries than hops: the left-most one, which a trusted proxy still wrote.
  return client;
}

function walkPastListed(peerText: string, forwardedFor: string, list: BlockList): string {
  let client = peerText;
  for (const entry of entriesFromRight(forwardedFor)) {
    const ip = canonicalizeIpAddress(entry);
    if (ip === null) return client;
    client = ip.address;
    // The first address that is not one of our proxies is the client.
    if (!isListed(list, ip)) return client;
  }
  // Every entry is a listed proxy: the left-most is as far as the chain goes.
  return client;
}

function isListed(list: BlockList, ip: CanonicalIpAddress): boolean {
  return list.check(ip.address, ip.family);
}

/** Yields the comma-separated entries of `header` from right to left, trimmed, without splitting it all. */
function* entriesFromRight(header: string): Generator<string> {
  let end = header.length;
  for (;;) {
    const comma = end === 0 ? -1 : header.lastIndexOf(',', end - 1);
    yield header.slice(comma + 1, end).trim();
    if (comma === -1) return;
    end = comma;
  }
}
