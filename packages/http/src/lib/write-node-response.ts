import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AuthResponse } from '@tessera/core';

/**
 * Writes core's response to a Node `ServerResponse` (Express's response is one). Headers already
 * set on the response (a framework's, another middleware's) stay; `Set-Cookie`s are appended, and
 * `Vary` names are added to the ones already there (a cache must keep apart what either varies on).
 * A streamed body is written chunk by chunk until it ends or the client leaves.
 *
 * @example
 * await writeNodeResponse(res, await tessera.handle(view));
 */
export async function writeNodeResponse(
  response: ServerResponse,
  result: AuthResponse,
  options: {
    closeConnection?: boolean;
    /**
     * With `closeConnection`: the answer is written at once, but the connection is ended only when
     * this settles (the rest of a refused body has been read: `discardNodeBody`).
     */
    closeAfter?: Promise<void>;
  } = {},
): Promise<void> {
  if (
    typeof result.body === 'string' &&
    result.stream === undefined &&
    options.closeConnection !== true &&
    response.getHeaderNames().length === 0
  ) {
    // Nothing was set before us (the node:http listener): the status line and headers in one call,
    // without the per-header bookkeeping of setHeader. A repeated name (Set-Cookie) is one line per
    // value. Content-Length is ours to send: headers written ahead of end() would go chunked.
    const flat = flattenHeaders(result.headers);
    flat.push('content-length', String(Buffer.byteLength(result.body)));
    response.writeHead(result.status, flat);
    response.end(result.body);
    return;
  }
  for (const [name, values] of groupHeaders(result.headers)) {
    if (name === 'set-cookie') for (const value of values) response.appendHeader(name, value);
    else if (name === 'vary') response.setHeader(name, mergeVary(response.getHeader(name), values));
    else response.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);
  }
  // An unread body is still on the socket after an early 413: the connection cannot be reused.
  if (options.closeConnection === true) response.setHeader('connection', 'close');
  response.statusCode = result.status;
  if (result.stream === undefined) {
    if (options.closeAfter !== undefined) {
      // Node closes a `connection: close` socket as soon as the response ends, under a client
      // still sending: the whole answer goes out now, the end (and the close) after the body.
      const body = result.body ?? '';
      response.setHeader('content-length', Buffer.byteLength(body));
      response.write(body);
      await options.closeAfter;
    }
    response.end(options.closeAfter === undefined ? (result.body ?? undefined) : undefined);
    return;
  }
  response.flushHeaders();
  const dropped = result.streamDropped;
  try {
    for await (const chunk of result.stream) {
      if (response.destroyed || dropped?.aborted === true) break;
      if (!response.write(chunk) && !(await drained(response, dropped))) break;
    }
  } catch (error) {
    // A stream that failed half-way is cut, not ended: the client must not take it for complete
    // (nor reuse the connection). The caller logs the error.
    response.destroy();
    throw error;
  }
  // A dropped reader is not waited for: its unread events would hold the connection forever.
  if (dropped?.aborted === true) response.destroy();
  else response.end();
}

/**
 * Waits until the client has read what was written (`true`), or has gone away or was dropped
 * (`false`). A bare `once(response, 'drain')` would wait forever for a client that left.
 */
async function drained(response: ServerResponse, dropped: AbortSignal | undefined): Promise<boolean> {
  if (response.destroyed) return false;
  const stop = new AbortController();
  const signal = dropped === undefined ? stop.signal : AbortSignal.any([stop.signal, dropped]);
  try {
    const result = await Promise.race([
      once(response, 'drain', { signal }).then(() => true),
      once(response, 'close', { signal }).then(() => false),
    ]);
    return result;
  } catch {
    // Aborted (dropped), or the response emitted 'error': either way nothing more is written.
    return false;
  } finally {
    stop.abort();
  }
}

function groupHeaders(headers: readonly [string, string][]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const existing = grouped.get(name);
    if (existing === undefined) grouped.set(name, [value]);
    else existing.push(value);
  }
  return grouped;
}

function flattenHeaders(headers: readonly [string, string][]): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}

/** The field names of an earlier `Vary` and ours, each once (case-insensitive), in order; `*` wins. */
function mergeVary(existing: number | string | string[] | undefined, ours: readonly string[]): string {
  const names = new Map<string, string>();
  for (const list of [...(existing === undefined ? [] : [existing].flat()), ...ours]) {
    for (const part of String(list).split(',')) {
      const name = part.trim();
      if (name !== '' && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
  }
  return names.has('*') ? '*' : [...names.values()].join(', ');
}
