/**
 * Reads a Web `Request` body whole, or resolves `null` as soon as it exceeds `limitBytes` (the
 * stream is cancelled, nothing more is buffered). A missing body is empty.
 *
 * @example
 * const body = await readWebBody(request.body, request.headers.get('content-length'), 65536);
 */
export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  limitBytes: number,
): Promise<Uint8Array | null> {
  const declared = Number(contentLength ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) {
    await body?.cancel();
    return null;
  }
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
