import type { Readable } from 'node:stream';

const EMPTY_BODY = new Uint8Array(0);
/**
 * DESIGN §3.2: after a 413, the rest of the body is read and thrown away up to this size before the
 * connection closes, so a client still sending sees the answer instead of a reset (EPIPE).
 */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Reads a Node request body whole, or resolves `null` as soon as it exceeds `limitBytes` (the
 * rest is left to `discardNodeBody`, and the socket stays writable for the 413). Rejects when the
 * stream breaks.
 *
 * @example
 * const body = await readNodeBody(request, 65536); // null → answer 413
 */
export function readNodeBody(
  request: Readable & { headers: Record<string, string | string[] | undefined> },
  limitBytes: number,
): Promise<Uint8Array | null> {
  if (hasNoBody(request)) return Promise.resolve(EMPTY_BODY);
  const length = request.headers['content-length'];
  const declared = Number(length ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve(null);
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
        request.pause();
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

/**
 * HTTP/1.1 (RFC 9112 §6.3): no Content-Length (or 0) and no Transfer-Encoding means no body. Most
 * requests (every GET) are answered without listening to the stream at all; Node discards an
 * unread empty request when the response ends.
 *
 * @example
 * if (hasNoBody(request)) answer(EMPTY_BODY);
 */
export function hasNoBody(request: { headers: Record<string, string | string[] | undefined> }): boolean {
  const length = request.headers['content-length'];
  return (length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined;
}

/**
 * Reads what is left of a refused body and throws it away; resolves when the body has ended, the
 * client has gone, or 8 MiB have been discarded (then the caller closes the connection anyway).
 * Written after the 413 and before the connection closes, so a client still sending reads the
 * 413 instead of a reset (DESIGN §3.2).
 *
 * @example
 * await writeNodeResponse(res, payloadTooLargeResponse(65536), { closeConnection: true, closeAfter: discardNodeBody(req) });
 */
export function discardNodeBody(request: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (request.readableEnded || request.destroyed) {
      resolve();
      return;
    }
    let discarded = 0;
    const done = () => {
      request.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) done();
    };
    request.on('data', onData);
    request.once('end', done);
    request.once('close', done);
    request.once('error', done);
    request.resume();
  });
}
