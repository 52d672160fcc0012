import type { IncomingHttpHeaders } from 'node:http';
import type { AuthRequest } from '@tessera/core';

/** What an adapter knows about a request, in its framework's own types. */
export interface AuthRequestInput {
  method: string;
  /** The request target as received: path and optional query (split into `path` and `query`). */
  url: string;
  /** Node's header object or a Web `Headers`. */
  headers: IncomingHttpHeaders | Headers;
  /** The body, read up to the limit; omitted for the application's routes (never read there). */
  body?: Uint8Array;
  /** The TCP peer address; `''` when the runtime does not tell. */
  peerAddress: string | undefined;
  /**
   * Aborted when the client goes away; omitted when nothing long-lived is served. A function is
   * called the first time core reads the signal (most requests never do).
   */
  signal?: AbortSignal | (() => AbortSignal);
}

const EMPTY_BODY = new Uint8Array(0);
/** For requests that serve nothing long-lived: a signal that never aborts. */
const NEVER_ABORTED = new AbortController().signal;
/** Where a view's signal comes from: the signal itself, or the function that makes it (not enumerable). */
const SIGNAL_SOURCE = Symbol('signal source');

/**
 * Builds core's request view from what any framework exposes: lower-case header names (repeated
 * headers joined with `, `, cookies with `; `), the path without its query, the raw body bytes.
 *
 * @example
 * const view = createAuthRequest({ method: req.method, url: req.originalUrl, headers: req.headers, peerAddress: req.socket.remoteAddress });
 */
export function createAuthRequest(input: AuthRequestInput): AuthRequest {
  const view = {
    method: input.method.toUpperCase(),
    path: input.url.split('?', 1)[0] ?? '/',
    query: queryOf(input.url),
    headers: toHeaderRecord(input.headers),
    body: input.body ?? EMPTY_BODY,
    peerAddress: input.peerAddress ?? '',
  };
  // `signal` stays an own, enumerable property (a spread copies it), but its getter is one shared
  // function reading a hidden slot. A getter written in the object literal is a new closure per
  // request, and V8 then keeps whatever that closure reaches (here the Node request and response)
  // alive through young-generation collections: it was promoted and left to full collections,
  // which made garbage collection the largest cost of a request (docs/bench/pipeline-profile.md, GC).
  Object.defineProperty(view, SIGNAL_SOURCE, { value: input.signal ?? NEVER_ABORTED });
  Object.defineProperty(view, 'signal', { get: readSignal, enumerable: true, configurable: true });
  return view as AuthRequest;
}

function readSignal(this: { [SIGNAL_SOURCE]: AbortSignal | (() => AbortSignal) }): AbortSignal {
  const source = this[SIGNAL_SOURCE];
  return typeof source === 'function' ? source() : source;
}

function queryOf(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index + 1);
}

function toHeaderRecord(headers: IncomingHttpHeaders | Headers): Record<string, string | undefined> {
  // No prototype: a header named `constructor` or `__proto__` is just a header.
  const record = Object.create(null) as Record<string, string | undefined>;
  if (headers instanceof Headers) {
    // `Headers` already joins repeated values and lower-cases names (Fetch standard).
    for (const [name, value] of headers) record[name] = value;
    return record;
  }
  // Node's own header object (node:http, Express, Fastify) has no prototype, lower-case names and
  // repeated headers already joined (cookies with `; `), except `set-cookie`, kept as a list. When no
  // list is in it, it is the record already: copying it on every request would only cost time.
  if (isPlainHeaderRecord(headers)) {
    return headers as Record<string, string | undefined>;
  }
  for (const [name, value] of Object.entries(headers)) {
    record[name.toLowerCase()] = Array.isArray(value)
      ? value.join(name.toLowerCase() === 'cookie' ? '; ' : ', ')
      : value;
  }
  return record;
}

/** No prototype, lower-case names, no list value: usable as core's header record as it is. */
function isPlainHeaderRecord(headers: IncomingHttpHeaders): boolean {
  if (Object.getPrototypeOf(headers) !== null) return false;
  for (const name of Object.keys(headers)) {
    if (typeof headers[name] !== 'string' || name !== name.toLowerCase()) return false;
  }
  return true;
}
