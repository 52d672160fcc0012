/**
 * Where a request came from, for audit events, throttling and the device list.
 *
 * @example
 * const origin: RequestOrigin = { ip: '203.0.113.7', userAgent: request.headers['user-agent'] ?? null };
 */
export interface RequestOrigin {
  /** The client address after `TESSERA_TRUST_PROXY` was applied. */
  ip: string;
  userAgent: string | null;
}
