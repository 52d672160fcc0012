// Test harness: starts the real auth server on an ephemeral port with an injected clock and a
// cheap-but-real argon2id hasher, and speaks raw HTTP to it (node:http, so every header is ours).
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogFields, Logger, TesseraStore } from '@tessera/core';
import type { PasswordHasher } from '@tessera/core/password';
import { createMemoryStore } from '@tessera/stores/memory';
import { loadConfig, type Environment, type ServerConfig } from '../src/load-config.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import {
  cookieFrom,
  fastHasher,
  PASSWORD,
  SESSION_COOKIE,
  TestClock,
  type HttpResult,
} from '../../../test/support/test-kit.js';

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

/** A fixed test secret (never used outside tests). */
export const TEST_SECRET = 'test-secret-for-tessera-tests-only-0123456789';

/** Collects log lines so tests can check that no secret is ever written. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string, fields: LogFields = {}): void {
    this.lines.push(JSON.stringify({ level: 'info', message, ...fields }));
  }
  warn(message: string, fields: LogFields = {}): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...fields }));
  }
  error(message: string, fields: LogFields = {}): void {
    this.lines.push(JSON.stringify({ level: 'error', message, ...fields }));
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** The session cookie's value. */
  cookie?: string | null;
  /** Any cookies, by name. */
  cookies?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string;
}

/** One HTTP exchange with full control over headers. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const cookies = { ...options.cookies, ...(options.cookie ? { [SESSION_COOKIE]: options.cookie } : {}) };
  const cookieHeader = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  if (cookieHeader !== '') headers['cookie'] = cookieHeader;
  if (options.bearer !== undefined) headers['authorization'] = `Bearer ${options.bearer}`;
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, setCookies: setCookie });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The session token a response sets, or null; '' when the response clears the cookie. */
export function sessionCookieFrom(result: HttpResult): string | null {
  return cookieFrom(result, SESSION_COOKIE);
}

export interface TestServer {
  url: string;
  clock: TestClock;
  store: TesseraStore;
  logger: MemoryLogger;
  running: RunningServer;
  send(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  /** Registers a user and returns its session token. */
  register(email: string, password?: string, headers?: Record<string, string>): Promise<string>;
  login(email: string, password?: string, headers?: Record<string, string>): Promise<HttpResult>;
  close(): Promise<void>;
}

let emailCounter = 0;
/** A unique address per call. */
export function uniqueEmail(prefix = 'user'): string {
  emailCounter += 1;
  return `${prefix}.${process.pid}.${emailCounter}@example.com`;
}

/** Starts the server with the environment the test gives (defaults otherwise). */
export async function startTestServer(
  env: Environment = {},
  options: {
    store?: TesseraStore;
    hasher?: PasswordHasher;
    config?: Partial<ServerConfig>;
    /** Default: a clock at 2026-01-01; tests that meet real tokens from outside pass one at the real time. */
    clock?: TestClock;
  } = {},
): Promise<TestServer> {
  const clock = options.clock ?? new TestClock();
  const logger = new MemoryLogger();
  const store = options.store ?? createMemoryStore();
  // A data directory of its own, so the development outbox (mail without TESSERA_SMTP_URL) never
  // writes into the working tree.
  const ownDataDir =
    env['TESSERA_DATA_DIR'] === undefined ? mkdtempSync(join(tmpdir(), 'tessera-test-data-')) : null;
  const config: ServerConfig = {
    // Tests sign many users up from 127.0.0.1; registration-throttling.test.ts tests the limit.
    ...loadConfig({
      PORT: '0',
      TESSERA_SECRET: TEST_SECRET,
      TESSERA_REGISTER_MAX_PER_IP: '100000',
      ...(ownDataDir === null ? {} : { TESSERA_DATA_DIR: ownDataDir }),
      ...env,
    }),
    ...options.config,
  };
  const running = await startServer(config, {
    clock,
    logger,
    store,
    passwordHasher: options.hasher ?? fastHasher,
    shutdownGraceMs: 2000,
  });
  const sendTo = (method: string, path: string, requestOptions?: RequestOptions) =>
    send(running.url, method, path, requestOptions);
  return {
    url: running.url,
    clock,
    store,
    logger,
    running,
    send: sendTo,
    async register(email, password = PASSWORD, headers = {}) {
      const result = await sendTo('POST', '/auth/register', { body: { email, password }, headers });
      if (result.status !== 201) throw new Error(`register failed: ${result.status} ${result.text}`);
      return sessionCookieFrom(result) ?? '';
    },
    login(email, password = PASSWORD, headers = {}) {
      return sendTo('POST', '/auth/login', { body: { email, password }, headers });
    },
    async close() {
      await running.close();
      if (ownDataDir !== null) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
