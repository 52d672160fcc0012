// What the request fuzz test (request-fuzz.test.ts) is made of: hostile HTTP requests as fast-check
// arbitraries built from the OpenAPI document, a raw-socket client that can send any byte (CR/LF in
// headers, invalid UTF-8, lying framing, slow or cut-off sends), and the server under test as a
// child process, so that a crash is an exit code and its memory is the child's RSS.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { openApiDocument, type JsonSchema } from '../src/openapi-document.js';
import { startServerProcess, type RunningProcess } from './processes.js';

/** Bytes written as-is: every string here is latin1, one char per byte, so `\xff` is the byte 0xff. */
type Bytes = string;

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

/** Real credentials of the running server, so hostile requests also reach the signed-in code. */
export interface FuzzCredentials {
  userId: string;
  sessionCookie: string;
  accessToken: string;
  refreshToken: string;
  adminCookie: string;
}

export const SESSION_COOKIE = '__Host-tessera-session';
const TESSERA_COOKIES = [SESSION_COOKIE, '__Host-tessera-access', '__Secure-tessera-refresh'];
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

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Any byte string of up to `maxLength` bytes, printable ASCII most of the time. */
function bytesArb(maxLength: number): fc.Arbitrary<Bytes> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.string({ maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength }).map((text) => Buffer.from(text).toString('latin1')),
    },
  );
}

/** Text that is not valid UTF-8 (a lone continuation byte, a truncated sequence, an overlong form). */
const invalidUtf8 = fc.constantFrom(
  '\xff',
  '\xfe\xff',
  '\xc3',
  '\xe2\x82',
  '\xc0\xaf',
  '\xed\xa0\x80',
  '\x80',
);

/** Ordinary-looking text with hostile bytes mixed in. */
function hostileText(maxLength = 40): fc.Arbitrary<Bytes> {
  return fc.oneof(
    { weight: 3, arbitrary: bytesArb(maxLength) },
    { weight: 1, arbitrary: fc.tuple(bytesArb(8), invalidUtf8, bytesArb(8)).map((parts) => parts.join('')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '-1',
        '0',
        '1e309',
        '99999999999999999999',
        'null',
        'undefined',
        '%00',
        '\x00',
        'a\x00b',
      ),
    },
    { weight: 1, arbitrary: fc.nat(20_000).map((times) => 'a'.repeat(times)) },
  );
}

function schemaOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const name = schema?.$ref?.split('/').at(-1);
  return name === undefined ? schema : openApiDocument.components.schemas[name];
}

interface RouteShape {
  method: string;
  path: string;
  query: string[];
  headers: string[];
  bodyFields: string[];
}

/** Every operation of the OpenAPI document with the names a request to it may carry. */
export function documentedRoutes(): RouteShape[] {
  const routes: RouteShape[] = [];
  for (const [path, operations] of Object.entries(openApiDocument.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const body = schemaOf(operation.requestBody?.content['application/json']?.schema);
      routes.push({
        method: method.toUpperCase(),
        path,
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        bodyFields: Object.keys(body?.properties ?? {}),
      });
    }
  }
  return routes;
}

/** The server's pages, which answer beside the API. */
const PAGE_PATHS = ['/', '/login', '/register', '/logout', '/account', '/inspect', '/auth/refresh/continue'];

const anyMethod = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'),
  fc.constantFrom('get', 'Post', 'PROPFIND', 'M-SEARCH', 'QUERY', 'G\x00ET', 'GET /x', ''),
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.nat(20_000).map((times) => 'X'.repeat(times)),
);

function pathArb(route: RouteShape, credentials: FuzzCredentials): fc.Arbitrary<Bytes> {
  const id = fc.oneof(
    fc.constantFrom(credentials.userId, credentials.userId.toUpperCase(), '-Ab', '..', '.', '%2e%2e', '%00'),
    fc.constantFrom('%ff', '%', '%zz', 'a%2Fb', '\xf0\x9f\x99\x82', '\xff\xfe', 'x'.repeat(5000)),
    fc.string({ maxLength: 30 }).map(encodeURIComponent),
  );
  const filled = id.map((value) => route.path.replace(/\{[^}]+\}/g, value));
  // Mostly percent-encoded (as a client sends it), sometimes the raw bytes.
  const percentEncode = (value: string) =>
    value.replace(/[^\x21-\x7e]|[#&]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const queryValue = fc.oneof(
    { weight: 4, arbitrary: hostileText(30).map(percentEncode) },
    { weight: 1, arbitrary: hostileText(30) },
  );
  const query = fc
    .array(fc.tuple(fc.constantFrom(...route.query, 'return_to', 'link', 'x'), queryValue), { maxLength: 4 })
    .map((pairs) =>
      pairs.length === 0 ? '' : `?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`,
    );
  const unchanged = fc.constant((path: string) => path);
  const changed = fc.constantFrom<(path: string) => string>(
    (path) => `${path}/`,
    (path) => path.replace(/\//g, '//'),
    (path) => path.toUpperCase(),
    (path) => `/auth/..${path}`,
    (path) => path.replace(/a/, '%61'),
    (path) => `http://evil.example${path}`,
    (path) => path.slice(1),
    (path) => `${path};x=1`,
    (path) => `${path}#frag`,
    (path) => `${path}\xff`,
    () => '*',
  );
  const mangle = fc.oneof({ weight: 4, arbitrary: unchanged }, { weight: 1, arbitrary: changed });
  return fc.tuple(filled, query, mangle).map(([path, search, change]) => change(path) + search);
}

function cookieArb(credentials: FuzzCredentials): fc.Arbitrary<Bytes> {
  const value = fc.oneof(
    fc.constantFrom(credentials.sessionCookie, credentials.adminCookie, credentials.accessToken),
    fc.constantFrom(credentials.refreshToken, `${credentials.sessionCookie}x`, ''),
    hostileText(60),
  );
  const pair = fc.tuple(fc.constantFrom(...TESSERA_COOKIES, 'a', '', '=', '__proto__'), value);
  return fc.oneof(
    // Two values of one Tessera cookie name: never resolved by order (DESIGN §3.2).
    fc
      .tuple(fc.constantFrom(...TESSERA_COOKIES), value, value)
      .map(([name, first, second]) => `${name}=${first}; ${name}=${second}`),
    fc
      .array(pair, { minLength: 1, maxLength: 5 })
      .map((pairs) => pairs.map(([n, v]) => `${n}=${v}`).join('; ')),
    hostileText(200),
  );
}

function headerArb(route: RouteShape, credentials: FuzzCredentials): fc.Arbitrary<readonly [Bytes, Bytes]> {
  const named = (name: string, value: fc.Arbitrary<Bytes>) => value.map((v) => [name, v] as const);
  const token = fc.oneof(
    fc.constantFrom(credentials.accessToken, credentials.refreshToken, credentials.sessionCookie),
    fc.constantFrom('eyJhbGciOiJub25lIn0.e30.', 'a.b.c', ''),
    hostileText(80),
  );
  const ordinary = fc.oneof(
    named('Cookie', cookieArb(credentials)),
    named(
      'Authorization',
      fc.oneof(
        token.map((t) => `Bearer ${t}`),
        fc.constantFrom('Bearer', 'Basic Zm9vOmJhcg==', 'bearer  x', 'Bearer a b'),
      ),
    ),
    named(
      'Content-Type',
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'APPLICATION/JSON',
        'application/json;;',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
        '\xff',
      ),
    ),
    named(
      'Origin',
      fc.constantFrom('null', 'http://127.0.0.1', 'https://evil.example', 'http://[::1', '\xff', ''),
    ),
    named('Sec-Fetch-Site', fc.constantFrom('same-origin', 'cross-site', 'none', 'same-site', '')),
    named(
      'X-Forwarded-For',
      fc.oneof(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', ', ,', '::ffff:1.2.3.4'), hostileText()),
    ),
    named('Last-Event-ID', hostileText(30)),
    named('Expect', fc.constantFrom('100-continue', '100-Continue', 'nothing-of-the-sort')),
    named('Accept', fc.constantFrom('text/event-stream', 'text/html', '*/*', 'application/json;q=0')),
    named('Accept-Encoding', fc.constantFrom('gzip', 'br;q=2', '\xff')),
    named('Connection', fc.constantFrom('close', 'keep-alive', 'Upgrade', 'TE, close')),
    named('Upgrade', fc.constantFrom('websocket', 'h2c')),
    named('Host', fc.constantFrom('', 'evil.example', '127.0.0.1:1', '[::1]', 'a b')),
    named('If-None-Match', hostileText(30)),
    named('Range', fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=99999999999-')),
    fc.constantFrom(...route.headers, 'X-Custom').chain((name) => named(name, hostileText())),
  );
  // What only a raw socket can send: CR/LF and NUL inside a header, an obsolete line fold,
  // invalid UTF-8, a name with spaces, one very large header.
  const raw = fc.oneof(
    fc
      .tuple(
        hostileText(10),
        fc.constantFrom('\r\n', '\n', '\r', '\x00', '\r\n ', '\r\nX-Injected: 1'),
        hostileText(10),
      )
      .map(([before, bad, after]) => ['X-Raw', `${before}${bad}${after}`] as const),
    fc.tuple(invalidUtf8, hostileText(10)).map(([bad, rest]) => ['X-Utf8', `${bad}${rest}`] as const),
    fc.constantFrom(['Bad Name', 'x'] as const, ['', 'x'] as const, ['X:Y', 'z'] as const),
    fc.nat(80_000).map((size) => ['X-Huge', 'h'.repeat(size)] as const),
  );
  return fc.oneof({ weight: 15, arbitrary: ordinary }, { weight: 1, arbitrary: raw });
}

/** A body: JSON of the route's fields with wrong types, deep nesting, huge strings, bad bytes, or nothing. */
function bodyArb(route: RouteShape, credentials: FuzzCredentials): fc.Arbitrary<HostileRequest['body']> {
  const once = (text: string) => [[text, 1] as const];
  const json = (value: unknown) => once(Buffer.from(JSON.stringify(value), 'utf8').toString('latin1'));
  const fieldValue = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'correct horse battery staple',
        'user@example.com',
        credentials.refreshToken,
        'bearer',
        '',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        // NUL and a lone surrogate: valid JSON, but not text every database takes.
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            'a\u0000@example.com',
            'correct horse\u0000battery',
            '\ud800@example.com',
          ),
        },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
        { weight: 1, arbitrary: fc.nat(70_000).map((times) => `${'x'.repeat(times)}@example.com`) },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  // The route's own fields, each present or not (what reaches the deepest code), or any keys.
  const shaped = fc.record(Object.fromEntries(route.bodyFields.map((field) => [field, fieldValue])), {
    requiredKeys: [],
  });
  const loose = fc.dictionary(
    fc.constantFrom(...route.bodyFields, 'email', 'password', 'transport', '__proto__', 'constructor'),
    fieldValue,
    { maxKeys: 4 },
  );
  const fields = fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: loose });
  return fc.oneof(
    { weight: 8, arbitrary: fields.map(json) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 1, arbitrary: fc.constant(once('')) },
    {
      weight: 1,
      arbitrary: fc.nat(40_000).map((depth) => [['[', depth] as const, [']', depth] as const]),
    },
    {
      weight: 1,
      arbitrary: fc
        .nat(15_000)
        .map((depth) => [['{"a":', depth] as const, ['1', 1] as const, ['}', depth] as const]),
    },
    {
      weight: 1,
      // Strings around the 64 KiB limit and past it (up to the 8 MiB a 413 is promised for).
      arbitrary: fc
        .oneof(fc.integer({ min: 60_000, max: 70_000 }), fc.integer({ min: 1, max: 9 * 1024 * 1024 }))
        .map((size) => [['{"email":"', 1] as const, ['a', size] as const, ['"}', 1] as const]),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(invalidUtf8, fc.constantFrom(...route.bodyFields, 'email'))
        .map(([bad, field]) => once(`{"${field}":"${bad}","password":"x${bad}"}`)),
    },
    { weight: 1, arbitrary: hostileText(200).map(once) },
  );
}

const framingArb: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 24, arbitrary: fc.constant({ kind: 'length' as const }) },
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 1, max: 70_000 })
      .map((chunkBytes) => ({ kind: 'chunked' as const, chunkBytes })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -100, max: 100 }).map((delta) => ({ kind: 'length-off' as const, delta })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('-1', '+5', '0x10', '1e3', ' 5', '5, 5', '99999999999999999999', '', 'abc', '\xff')
      .map((value) => ({ kind: 'length-odd' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -5, max: 5 }).map((delta) => ({ kind: 'length-twice' as const, delta })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'length-and-chunked' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'gzip',
        'chunked, chunked',
        'gzip, chunked',
        'CHUNKED',
        ' chunked',
        'chunked\x0b',
        'identity',
      )
      .map((value) => ({ kind: 'odd-transfer-encoding' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'zz\r\n',
        'ffffffffffffffff\r\n',
        '5;ext=\xff\r\nhello\r\n',
        '-1\r\n',
        '0\r\nTrailer: x\r\n\r\n',
      )
      .map((raw) => ({ kind: 'bad-chunks' as const, raw })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unframed' as const }) },
);

const deliveryArb: fc.Arbitrary<Delivery> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'whole' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .record({ pieces: fc.integer({ min: 2, max: 8 }), pauseMs: fc.integer({ min: 0, max: 40 }) })
      .map((slow) => ({ kind: 'slow' as const, ...slow })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'after-continue' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        keepPercent: fc.integer({ min: 0, max: 99 }),
        close: fc.constantFrom('end' as const, 'destroy' as const),
      })
      .map((cut) => ({ kind: 'cut' as const, ...cut })),
  },
);

/**
 * Hostile requests against every documented route (and the pages): most keep the route's method and
 * path so that they reach its handler, the rest try anything.
 */
export function hostileRequestArb(credentials: FuzzCredentials): fc.Arbitrary<HostileRequest> {
  const routes = [
    ...documentedRoutes(),
    ...PAGE_PATHS.flatMap((path) =>
      ['GET', 'POST'].map((method) => ({
        method,
        path,
        query: ['return_to', 'token'],
        headers: [],
        bodyFields: [],
      })),
    ),
  ];
  // Routes that take a body have the most code behind them: picked three times as often.
  const weighted = routes.map((route) => ({
    weight: route.bodyFields.length > 0 ? 3 : 1,
    arbitrary: fc.constant(route),
  }));
  return fc
    .oneof(...weighted)
    .chain((route) =>
      fc.record({
        method: fc.oneof(
          { weight: 4, arbitrary: fc.constant(route.method) },
          { weight: 1, arbitrary: anyMethod },
        ),
        target: pathArb(route, credentials),
        headers: fc
          .array(headerArb(route, credentials), { maxLength: 6 })
          .map((headers) =>
            route.bodyFields.length > 0
              ? [['Content-Type', 'application/json'] as const, ...headers]
              : headers,
          ),
        body: fc.oneof(
          { weight: 1, arbitrary: fc.constant([]) },
          { weight: 3, arbitrary: bodyArb(route, credentials) },
        ),
        framing: framingArb,
        delivery: deliveryArb,
      }),
    )
    .map((request) => Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) }));
}

// ---------------------------------------------------------------------------------------------
// The server under test

/** Resident memory of a process in bytes (Linux /proc), or undefined where that is not readable. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** GET /livez on a fresh connection: its status, or the error that stopped it. */
export function livez(baseUrl: string, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest(new URL('/livez', baseUrl), { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (error) => resolve(error.message));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(error.message));
    req.end();
  });
}

/** The server as a child process; `start` again after a crash (shrinking replays on a live server). */
export class ServerUnderFuzz {
  process: RunningProcess | undefined;
  /** RSS right after start, the base the memory bound is measured from. */
  baselineBytes: number | undefined;
  crashes = 0;

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    if (this.process === undefined) throw new Error('server not started');
    return this.process.url;
  }

  get alive(): boolean {
    const child = this.process?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.process !== undefined && !this.alive) this.crashes += 1;
    this.process = await startServerProcess(this.env);
    this.baselineBytes = this.residentBytes();
  }

  residentBytes(): number | undefined {
    const pid = this.process?.child.pid;
    return pid === undefined ? undefined : residentBytes(pid);
  }

  /** How the process ended, with the end of what it printed. */
  deathReport(): string {
    const child = this.process?.child;
    const output = this.process?.output() ?? '';
    return `exit code ${child?.exitCode}, signal ${child?.signalCode}; last output:\n${output.slice(-3000)}`;
  }

  /** Waits up to `timeoutMs` for the process to end; whether it has. */
  async exited(timeoutMs: number): Promise<boolean> {
    const child = this.process?.child;
    if (child !== undefined && this.alive) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise((resolve) => child.once('exit', resolve)),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    return !this.alive;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
