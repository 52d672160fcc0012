import type { Readable } from 'node:stream';

const EMPTY_BODY = new Uint8Array(0);

/**
 * Reads a Node request body whole, or resolves `null` as soon as it exceeds `limitBytes` (the
 * rest is drained, not buffered, and the socket stays writable for the 413). Rejects when the
 * stream breaks.
 *
 * @example
 * const body = await readNodeBody(request, 65536); // null → answer 413
 */
export function readNodeBody(
  request: Readable & { headers: Record<string, string | string[] | undefined> },
  limitBytes: number,
): Promise<Uint8Array | null> {
  const length = request.headers['content-length'];
  // HTTP/1.1 (RFC 9112 §6.3): no Content-Length and no Transfer-Encoding means no body. Most
  // requests (every GET) are answered without listening to the stream at all; Node discards an
  // unread empty request when the response ends.
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(EMPTY_BODY);
  }
  const declared = Number(length ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      received += chunk.length;
      if (received > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}
