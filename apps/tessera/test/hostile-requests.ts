// Hostile HTTP requests for the request fuzz test (request-fuzz.test.ts) and the raw-socket client
// that sends them: any byte goes on the wire as written (CR/LF in headers, invalid UTF-8, lying
// framing), whole, slowly, after a 100 Continue, or cut off.
import { connect } from 'node:net';

/** Bytes written as-is: every string here is latin1, one char per byte, so `\xff` is the byte 0xff. */
export type Bytes = string;

/** How the body is framed on the wire; only `length` and `chunked` tell the truth. */
export type Framing =
  | { kind: 'length' }
  | { kind: 'chunked'; chunkBytes: number }
  | { kind: 'length-off'; delta: number }
  | { kind: 'length-odd'; value: Bytes }
  | { kind: 'length-twice'; delta: number }
  | { kind: 'length-and-chunked' }
  | { kind: 'odd-transfer-encoding'; value: Bytes }
  | { kind: 'bad-chunks'; raw: Bytes }
  | { kind: 'unframed' };

/** How the bytes reach the server. */
export type Delivery =
  | { kind: 'whole' }
  | { kind: 'slow'; pieces: number; pauseMs: number }
  /** `Expect: 100-continue`, and the body only once the server said 100 (or answered, or a while passed). */
  | { kind: 'after-continue' }
  | { kind: 'cut'; keepPercent: number; close: 'end' | 'destroy' };

/** One hostile request, kept small enough to print and shrink (a body is runs of repeated text). */
export interface HostileRequest {
  method: Bytes;
  target: Bytes;
  headers: readonly (readonly [name: Bytes, value: Bytes])[];
  /** The body is the concatenation of each `text` repeated `times`. */
  body: readonly (readonly [text: Bytes, times: number])[];
  framing: Framing;
  delivery: Delivery;
}

/** The largest body the server promises to read and answer 413 to (DESIGN §3.2). */
const MAX_ANSWERED_BODY_BYTES = 8 * 1024 * 1024;

/** The length of a body without building it. */
export function bodyLength(request: HostileRequest): number {
  return request.body.reduce((sum, [text, times]) => sum + text.length * times, 0);
}

function bodyBytes(request: HostileRequest): Buffer {
  return Buffer.from(request.body.map(([text, times]) => text.repeat(times)).join(''), 'latin1');
}

function chunked(body: Buffer, chunkBytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += chunkBytes) {
    const chunk = body.subarray(at, at + chunkBytes);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** The request as it goes on the wire. */
export function serializeRequest(request: HostileRequest, host: string): Buffer {
  const body = bodyBytes(request);
  const { framing } = request;
  const framingHeaders: [string, string][] = [];
  let payload = body;
  switch (framing.kind) {
    case 'length':
      if (body.length > 0 || request.method !== 'GET')
        framingHeaders.push(['Content-Length', `${body.length}`]);
      break;
    case 'chunked':
      framingHeaders.push(['Transfer-Encoding', 'chunked']);
      payload = chunked(body, framing.chunkBytes);
      break;
    case 'length-off':
      framingHeaders.push(['Content-Length', `${Math.max(0, body.length + framing.delta)}`]);
      break;
    case 'length-odd':
      framingHeaders.push(['Content-Length', framing.value]);
      break;
    case 'length-twice':
      framingHeaders.push(['Content-Length', `${body.length}`]);
      framingHeaders.push(['Content-Length', `${Math.max(0, body.length + framing.delta)}`]);
      break;
    case 'length-and-chunked':
      framingHeaders.push(['Content-Length', `${body.length}`], ['Transfer-Encoding', 'chunked']);
      payload = chunked(body, 1024);
      break;
    case 'odd-transfer-encoding':
      framingHeaders.push(['Transfer-Encoding', framing.value]);
      payload = chunked(body, 1024);
      break;
    case 'bad-chunks':
      framingHeaders.push(['Transfer-Encoding', 'chunked']);
      payload = Buffer.concat([Buffer.from(framing.raw, 'latin1'), body]);
      break;
    case 'unframed':
      break;
  }
  if (request.delivery.kind === 'after-continue') framingHeaders.push(['Expect', '100-continue']);
  const hasHost = request.headers.some(([name]) => name.toLowerCase() === 'host');
  const lines = [
    `${request.method} ${request.target} HTTP/1.1`,
    ...(hasHost ? [] : [`Host: ${host}`]),
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    ...framingHeaders.map(([name, value]) => `${name}: ${value}`),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const VALID_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VALID_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Whether the server owes this request an answer: the request is complete and framed honestly, so
 * a server that says nothing is hanging. Requests that lie about their length, are cut off, or
 * carry bytes HTTP forbids may be answered or just closed.
 */
export function owesAnswer(request: HostileRequest): boolean {
  if (request.delivery.kind === 'cut') return false;
  if (request.framing.kind !== 'length' && request.framing.kind !== 'chunked') return false;
  // Past 8 MiB the server may close after its 413 while the client still sends: a reset can eat it.
  if (bodyLength(request) > MAX_ANSWERED_BODY_BYTES - 64 * 1024) return false;
  if (!/^[A-Za-z]+$/.test(request.method) || !/^[\x21-\x7e]+$/.test(request.target)) return false;
  // Node closes a CONNECT (and an Upgrade, below) without an answer when nothing listens for it.
  if (request.method === 'CONNECT') return false;
  return request.headers.every(
    ([name, value]) =>
      VALID_HEADER_NAME.test(name) && VALID_HEADER_VALUE.test(value) && !/^upgrade$/i.test(name),
  );
}

/** What came back on one connection. */
export interface Exchange {
  /** The status of every final (non-1xx) response, in order. */
  statuses: number[];
  /** First bytes of the answer, for the report. */
  head: string;
  /** A socket error the client saw (EPIPE, ECONNRESET…), if any. */
  socketError?: string;
}

/** Parses as many complete response heads as `data` holds; a body is skipped by its framing. */
export function finalStatuses(data: Buffer, isHead: boolean): { statuses: number[]; complete: boolean } {
  const statuses: number[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) return { statuses, complete: false };
    const head = data.subarray(at, end).toString('latin1');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (!match) return { statuses, complete: false };
    const status = Number(match[1]);
    at = end + 4;
    if (status < 200) continue;
    statuses.push(status);
    if (isHead || status === 204 || status === 304) continue;
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) {
      at += Number(length[1]);
      if (at > data.length) return { statuses, complete: false };
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        if (lineEnd < 0) return { statuses, complete: false };
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        at = lineEnd + 2 + size + 2;
        if (Number.isNaN(size) || at > data.length) return { statuses, complete: false };
        if (size === 0) break;
      }
    } else {
      return { statuses, complete: false };
    }
  }
  return { statuses, complete: true };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a client that sent `Expect: 100-continue` waits for the 100 before sending anyway (curl's 1 s). */
const CONTINUE_WAIT_MS = 1000;

/**
 * Sends one hostile request on a fresh connection and collects the answers. Waits up to
 * `answerTimeoutMs` for a request the server owes an answer, `settleMs` after the last byte
 * otherwise (a streamed answer such as the revocation feed counts once its head arrived).
 */
export async function exchange(
  baseUrl: string,
  request: HostileRequest,
  timing: { answerTimeoutMs: number; settleMs: number },
): Promise<Exchange> {
  const { hostname, port, host } = new URL(baseUrl);
  const bytes = serializeRequest(request, host);
  const isHead = request.method.toUpperCase() === 'HEAD';
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  let socketError: string | undefined;
  // An object, so that the checks below see the change the close handler makes.
  const connection = { closed: false };
  let answered = () => {};
  const answeredOrClosed = new Promise<void>((resolve) => (answered = resolve));
  let continued = () => {};
  const continuedOrAnswered = new Promise<void>((resolve) => (continued = resolve));
  void answeredOrClosed.then(continued);
  const parse = () => finalStatuses(Buffer.concat(received), isHead);
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
    if (/^HTTP\/1\.[01] 100 /.test(Buffer.concat(received).toString('latin1'))) continued();
    const { statuses } = parse();
    if (statuses.length > 0) answered();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => (socketError = error.code ?? error.message));
  socket.on('close', () => {
    connection.closed = true;
    answered();
  });
  try {
    await new Promise<void>((resolve) => {
      socket.once('connect', resolve);
      socket.once('close', resolve);
    });
    const { delivery } = request;
    if (delivery.kind === 'cut') {
      const keep = Math.floor((bytes.length * delivery.keepPercent) / 100);
      socket.write(bytes.subarray(0, keep));
      if (delivery.close === 'destroy') socket.destroy();
      else socket.end();
    } else if (delivery.kind === 'slow') {
      const size = Math.ceil(bytes.length / delivery.pieces);
      for (let at = 0; at < bytes.length && !connection.closed; at += size) {
        socket.write(bytes.subarray(at, at + size));
        await sleep(delivery.pauseMs);
      }
    } else if (delivery.kind === 'after-continue') {
      const headEnd = bytes.indexOf('\r\n\r\n') + 4;
      socket.write(bytes.subarray(0, headEnd));
      await Promise.race([continuedOrAnswered, sleep(CONTINUE_WAIT_MS)]);
      if (!connection.closed) socket.write(bytes.subarray(headEnd));
    } else {
      socket.write(bytes);
    }
    if (owesAnswer(request)) {
      await Promise.race([answeredOrClosed, sleep(timing.answerTimeoutMs)]);
      // An answer still streaming (the revocation feed never ends) gets a moment for more, then we stop.
      if (!parse().complete && !connection.closed)
        await Promise.race([sleep(timing.settleMs), answeredOrClosed]);
    } else {
      await Promise.race([sleep(timing.settleMs), new Promise((resolve) => socket.once('close', resolve))]);
    }
  } finally {
    socket.destroy();
  }
  const data = Buffer.concat(received);
  return {
    statuses: finalStatuses(data, isHead).statuses,
    head: data.subarray(0, 300).toString('latin1'),
    ...(socketError === undefined ? {} : { socketError }),
  };
}

/** The request as a readable, copy-pasteable string (bytes outside printable ASCII escaped). */
export function describeRequest(request: HostileRequest): string {
  const escape = (text: string) =>
    text.replace(/[^\x20-\x7e]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…(${text.length} bytes)` : text);
  const body = request.body.map(([text, times]) => `${JSON.stringify(clip(escape(text)))}×${times}`);
  return [
    `${escape(clip(request.method))} ${escape(clip(request.target))}`,
    ...request.headers.map(([name, value]) => `  ${escape(clip(name))}: ${escape(clip(value))}`),
    `  body: ${body.join(' + ') || '(none)'} = ${bodyLength(request)} bytes`,
    `  framing: ${JSON.stringify(request.framing)}; delivery: ${JSON.stringify(request.delivery)}`,
  ].join('\n');
}
