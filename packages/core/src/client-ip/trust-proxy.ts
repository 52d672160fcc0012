import type { BlockList } from 'node:net';

/**
 * Which proxies may speak for the client through `X-Forwarded-For` (DESIGN §3.1 "Throttling").
 *
 * @example
 * const trustProxy: TrustProxy = { kind: 'hops', hops: 1 }; // one reverse proxy in front of Tessera
 */
export type TrustProxy =
  | { readonly kind: 'none' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'addresses'; readonly list: BlockList };
