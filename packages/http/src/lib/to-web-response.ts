import type { AuthResponse } from '@tessera/core';

/**
 * Turns core's response into a Web `Response` (Hono, and any fetch-style runtime). A streamed body
 * becomes a `ReadableStream` that ends with the stream or when the client cancels.
 *
 * @example
 * return toWebResponse(await tessera.handle(view));
 */
export function toWebResponse(result: AuthResponse): Response {
  const headers = new Headers();
  for (const [name, value] of result.headers) headers.append(name, value);
  if (result.stream === undefined) return new Response(result.body, { status: result.status, headers });
  const iterator = result.stream[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A reader the stream dropped is cut at once: the server stops waiting for it to drain.
      result.streamDropped?.addEventListener(
        'abort',
        () => controller.error(new Error('The stream dropped a client that stopped reading.')),
        { once: true },
      );
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { status: result.status, headers });
}
