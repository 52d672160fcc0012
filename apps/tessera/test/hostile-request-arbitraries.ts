// fast-check arbitraries for the request fuzz test: hostile requests to every route of the OpenAPI
// document (and the UI pages), most of them close enough to valid to reach the route's handler.
import fc from 'fast-check';
import { openApiDocument, type JsonSchema } from '../src/openapi-document.js';
import {
  describeRequest,
  type Bytes,
  type Delivery,
  type Framing,
  type HostileRequest,
} from './hostile-requests.js';
import { ACCESS_COOKIE, REFRESH_COOKIE, SESSION_COOKIE } from './harness.js';

/** Real credentials of the running server, so hostile requests also reach the signed-in code. */
export interface FuzzCredentials {
  userId: string;
  sessionCookie: string;
  accessToken: string;
  refreshToken: string;
  adminCookie: string;
}

const TESSERA_COOKIES = [SESSION_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE];

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
