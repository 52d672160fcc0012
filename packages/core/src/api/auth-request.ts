/**
 * The small request view every adapter builds from its framework's request. Core never sees a
 * framework object.
 *
 * @example
 * const request: AuthRequest = {
 *   method: 'GET',
 *   path: '/auth/me',
 *   headers: { cookie: req.headers.cookie, 'user-agent': req.headers['user-agent'] },
 *   body: new Uint8Array(),
 *   peerAddress: req.socket.remoteAddress ?? '',
 *   signal: AbortSignal.timeout(30_000),
 * };
 */
export interface AuthRequest {
  method: string;
  /** The path without the query string, as received (not percent-decoded). */
  path: string;
  /** The query string without its `?`, as received; absent or `''` when there is none. */
  query?: string;
  /** Lower-case header names; repeated headers joined as the adapter's framework joins them. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body bytes (empty when there is none). The adapter enforces the size limit. */
  body: Uint8Array;
  /** The TCP peer address (before `TESSERA_TRUST_PROXY` is applied). */
  peerAddress: string;
  /** Aborted when the client goes away (ends long-lived responses such as the revocation stream). */
  signal: AbortSignal;
}

/**
 * What the adapter writes back. `headers` is a list because `Set-Cookie` repeats.
 *
 * @example
 * const response: AuthResponse = await handle(request);
 * for (const [name, value] of response.headers) res.appendHeader(name, value);
 * res.writeHead(response.status).end(response.body ?? '');
 */
export interface AuthResponse {
  status: number;
  headers: [string, string][];
  body: string | null;
  /** A streamed body (Server-Sent Events): written chunk by chunk until it ends or the client leaves. */
  stream?: AsyncIterable<string>;
  /**
   * Aborted when the stream gives up on a client that stopped reading: the adapter closes the
   * connection at once instead of waiting for the client to drain it.
   */
  streamDropped?: AbortSignal;
}
