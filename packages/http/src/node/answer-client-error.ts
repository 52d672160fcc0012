import type { Duplex } from 'node:stream';

/** DESIGN §3.2: a client still sending is read (and what it sends dropped) up to this much. */
const LINGER_BYTES = 8 * 1024 * 1024;
/** …and for at most this long, so a client that stalls cannot hold the socket. */
const LINGER_MS = 5_000;

const answered = new WeakSet<Duplex>();

/**
 * The `clientError` listener of a `node:http` server: answers a request Node could not parse (a head
 * over its size limit, broken framing, a timeout) as Node would — 431, 408 or 400, here with a
 * problem body — but keeps reading, and dropping, what the client still sends before it closes.
 * Node's default closes at once, and closing a socket with unread data makes the kernel reset the
 * connection, which can destroy the answer before a client that is still sending reads it.
 *
 * @example
 * const server = http.createServer(createNodeListener(handler, { bodyLimitBytes: 65536 }));
 * server.on('clientError', answerClientError);
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  // A client that is gone, or a response already on its way (a pipelined request broke after it):
  // nothing can be answered without corrupting what the client reads.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = TITLES[status] ?? 'Bad Request';
  const body = JSON.stringify({
    type: 'about:blank',
    title,
    status,
    code: 'invalid_request',
    detail: DETAILS[status] ?? 'The request could not be read as HTTP/1.1.',
  });
  // Node's parser stops at the error; its listeners would feed the rest to it and raise again.
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  let discarded = 0;
  socket.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) socket.destroy();
  });
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\n` +
      `x-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.resume();
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

const DETAILS: Record<number, string> = {
  408: 'The request took too long to arrive.',
  431: 'The request line or headers are too large.',
};
