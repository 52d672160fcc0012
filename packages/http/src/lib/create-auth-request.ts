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
  const { url, signal } = input;
  const queryAt = url.indexOf('?');
  const method = input.method.toUpperCase();
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const headers = toHeaderRecord(input.headers);
  const body = input.body ?? EMPTY_BODY;
  const peerAddress = input.peerAddress ?? '';
  if (typeof signal !== 'function') {
    return { method, path, query, headers, body, peerAddress, signal: signal ?? NEVER_ABORTED };
  }
  // A signal made on first use stays an own, enumerable property (a spread copies it), but its
  // getter is one shared function reading a hidden slot. A getter written in the object literal is
  // a new closure per request, and V8 then keeps whatever that closure reaches (here the Node
  // request and response) alive through young-generation collections: it was promoted and left to
  // full collections, which made garbage collection the largest cost of a request
  // (docs/bench/pipeline-profile.md, GC). The property is added to a literal without it: turning a
  // data property into a getter would cost the object its fast shape.
  const view = { method, path, query, headers, body, peerAddress };
  Object.defineProperty(view, SIGNAL_SOURCE, { value: signal });
  Object.defineProperty(view, 'signal', { get: readSignal, enumerable: true, configurable: true });
  return view as AuthRequest;
}

function readSignal(this: { [SIGNAL_SOURCE]: AbortSignal | (() => AbortSignal) }): AbortSignal {
  const source = this[SIGNAL_SOURCE];
  return typeof source === 'function' ? source() : source;
}

function toHeaderRecord(headers: IncomingHttpHeaders | Headers): Record<string, string | undefined> {
  // No prototype: a header named `constructor` or `__proto__` is just a header.
  const record = Object.create(null) as Record<string, string | undefined>;
  if (headers instanceof Headers) {
    // `Headers` already joins repeated values and lower-cases names (Fetch standard).
    for (const [name, value] of headers) record[name] = value;
    return record;
  }
  // Node's header object (node:http, Express, Fastify) has lower-case names and repeated headers
  // joined (cookies with `; `), except `set-cookie`, kept as a list; but it inherits from
  // `Object.prototype` (Node 20 to 24), so it is copied, by name: `Object.entries` would make an
  // array per header on every request.
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    const lowerName = name.toLowerCase();
    record[lowerName] = Array.isArray(value) ? value.join(lowerName === 'cookie' ? '; ' : ', ') : value;
  }
  return record;
}
