// Test harness of the adapters: a Tessera built from core over the memory store, with a clock the
// test moves and a cheap-but-real argon2id hasher, and a raw HTTP client (node:http, so every
// header sent is ours and every header received is seen).
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTesseraDeps,
  parseServerSecrets,
  type CookieMode,
  type TesseraDeps,
  type TesseraStore,
} from '@tessera/core';
import { createMemoryStore } from '@tessera/stores/memory';
import { fastHasher, TestClock, type HttpResult } from '../../../test/support/test-kit.js';
import { createTesseraHttp, type TesseraHttp, type TesseraHttpOptions } from '../src/lib/index.js';

export {
  ACCESS_COOKIE,
  cookieFrom,
  fastHasher,
  PASSWORD,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  TestClock,
  type HttpResult,
} from '../../../test/support/test-kit.js';
/** The front end allowed to make cookie-authenticated unsafe requests. */
export const TRUSTED_ORIGIN = 'https://app.example.com';

/** A Tessera of its own for one scenario. */
export interface TestTessera {
  tessera: TesseraHttp;
  deps: TesseraDeps;
  store: TesseraStore;
  clock: TestClock;
  close(): Promise<void>;
}

/** Builds Tessera the way an application embedding it would, from core and a store. */
export async function createTestTessera(
  cookieMode: CookieMode,
  options: Pick<TesseraHttpOptions, 'revocationStreams' | 'corsOrigins' | 'cookieDomain'> = {},
): Promise<TestTessera> {
  const clock = new TestClock();
  const store = createMemoryStore();
  const deps = await createTesseraDeps({
    store,
    secrets: parseServerSecrets('x'.repeat(40), 'TEST'),
    clock,
    passwordHasher: fastHasher,
    tokens: { issuer: 'https://auth.example.com', audience: 'https://api.example.com' },
  });
  const tessera = createTesseraHttp({
    deps,
    cookieMode,
    trustedOrigins: new Set([TRUSTED_ORIGIN]),
    trustProxy: { kind: 'none' },
    ...options,
  });
  return {
    tessera,
    deps,
    store,
    clock,
    async close() {
      await deps.revocationFeed.stop();
      await store.close();
    },
  };
}

/** An application started on an ephemeral port of 127.0.0.1. */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the adapter's test application: Tessera mounted, plus the application's own routes
 * `GET /api/public` (no guard: `{ signedIn }`), `GET /api/profile` (requireAuth: `{ userId, proof }`,
 * and sets its own cookie `seen=1`), `POST /api/notes` (requireAuth: 201 `{ saved: true }`) and
 * `POST /api/admin` (requireRole('admin'): `{ admin: true }`).
 */
export type StartApp = (tessera: TesseraHttp) => Promise<RunningApp>;

/** Listens on an ephemeral port of 127.0.0.1; `close` cuts open connections (event streams) too. */
export async function listen(server: Server): Promise<RunningApp> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Cookies by name. */
  cookies?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string;
  /** Send the body chunked, without `Content-Length` (its size is only known by reading it). */
  chunked?: boolean;
}

/** One HTTP exchange with full control over headers. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(path, baseUrl),
      { method, headers: requestHeaders(options) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(toResult(response, Buffer.concat(chunks).toString('utf8'))));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    const payload = payloadOf(options);
    if (options.chunked === true && payload !== undefined) {
      // Two writes: the size is not announced and arrives in pieces.
      const half = Math.floor(payload.length / 2);
      request.write(payload.slice(0, half));
      request.end(payload.slice(half));
    } else {
      request.end(payload);
    }
  });
}

/** An open event stream: its first chunks, and a way to wait for a piece of text. */
export interface OpenStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Resolves with everything received once it contains `text`. */
  waitFor(text: string): Promise<string>;
  /** Resolves when the server ends the stream (or the connection breaks). */
  ended: Promise<void>;
  /** Stops reading (the socket buffers fill up and the server has to wait), and reads again. */
  pause(): void;
  resume(): void;
  close(): void;
}

/** Opens a long-lived GET (Server-Sent Events) and keeps reading it. */
export function openStream(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, baseUrl), { method: 'GET', headers }, (response) => {
      let received = '';
      const waiters: { text: string; resolve: (all: string) => void }[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        for (const waiter of waiters.splice(0)) {
          if (received.includes(waiter.text)) waiter.resolve(received);
          else waiters.push(waiter);
        }
      });
      response.on('error', () => {});
      const ended = new Promise<void>((done) => response.once('close', done));
      resolve({
        ended,
        status: response.statusCode ?? 0,
        headers: response.headers,
        waitFor: (text) =>
          new Promise((done) => {
            if (received.includes(text)) done(received);
            else waiters.push({ text, resolve: done });
          }),
        pause: () => response.pause(),
        resume: () => response.resume(),
        close: () => request.destroy(),
      });
    });
    request.on('error', () => {});
    request.once('error', reject);
    request.end();
  });
}

/** The whole `Set-Cookie` line for cookie `name`, or null. */
export function setCookieLine(result: HttpResult, name: string): string | null {
  return result.setCookies.find((line) => line.startsWith(`${name}=`)) ?? null;
}

function requestHeaders(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.rawBody === undefined && options.body !== undefined)
    headers['content-type'] ??= 'application/json';
  const cookieHeader = Object.entries(options.cookies ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  if (cookieHeader !== '') headers['cookie'] = cookieHeader;
  if (options.bearer !== undefined) headers['authorization'] = `Bearer ${options.bearer}`;
  const payload = payloadOf(options);
  if (payload !== undefined && options.chunked !== true)
    headers['content-length'] = String(Buffer.byteLength(payload));
  return headers;
}

function payloadOf(options: RequestOptions): string | Buffer | undefined {
  if (options.rawBody !== undefined) return options.rawBody;
  return options.body === undefined ? undefined : JSON.stringify(options.body);
}

function toResult(response: IncomingMessage, text: string): HttpResult {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    text,
    json,
    setCookies: response.headers['set-cookie'] ?? [],
  };
}
