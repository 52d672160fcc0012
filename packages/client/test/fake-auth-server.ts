// Just enough of Tessera's jwt cookie mode (DESIGN §3) for the client's tests, and strict about it:
// refresh cookies rotate and an old one is reuse (no grace), the refresh cookie must only ever be
// sent to /auth/refresh, a refresh must come without a body, and every refresh call is counted.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const ACCESS = '__Host-tessera-access';
const REFRESH = '__Secure-tessera-refresh';

interface Reply {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string;
}

export interface FakeAuthServer {
  readonly url: string;
  /** Calls to `POST /auth/refresh`, answered or not. */
  readonly refreshCalls: number;
  /** Requests per `METHOD /path`. */
  readonly hits: ReadonlyMap<string, number>;
  /** Bodies received by `POST /api/echo`, in order. */
  readonly echoed: readonly string[];
  /** Lifetime of the access cookies issued from now on (negative: born expired). */
  accessTtlMs: number;
  /** `null`: rotate. Otherwise how the next refreshes fail. */
  refreshFailure: { status: number; code: string } | null;
  /** `null`: check the access cookie. Otherwise how every `/api/*` request fails. */
  apiFailure: { status: number; code: string } | null;
  /** Makes every access cookie issued so far expired. */
  expireAccessTokens(): void;
  /** Holds the next `GET /api/slow` answer (checked on arrival, sent on release). */
  holdSlow(): { arrived: Promise<void>; release: () => void };
  close(): Promise<void>;
}

export async function startFakeAuthServer(): Promise<FakeAuthServer> {
  const accessExpiry = new Map<string, number>();
  let currentRefresh: string | null = null;
  let slowGate: { arrive: () => void; released: Promise<void> } | null = null;
  const hits = new Map<string, number>();
  const echoed: string[] = [];

  /** A fresh access + refresh pair, as `Set-Cookie` lines; the previous refresh cookie is now old. */
  function issueCookies(): string[] {
    const access = randomUUID();
    accessExpiry.set(access, Date.now() + state.accessTtlMs);
    currentRefresh = randomUUID();
    return [
      `${ACCESS}=${access}; Path=/; HttpOnly; Secure; SameSite=Lax`,
      `${REFRESH}=${currentRefresh}; Path=/auth/refresh; HttpOnly; Secure; SameSite=Lax`,
    ];
  }

  /** The code of the 401 an API request deserves, or `null` when its access cookie is good. */
  function checkAccess(cookies: Map<string, string>): string | null {
    const access = cookies.get(ACCESS);
    if (access === undefined) return 'unauthenticated';
    const expiresAt = accessExpiry.get(access);
    if (expiresAt === undefined) return 'invalid_token';
    return Date.now() >= expiresAt ? 'token_expired' : null;
  }

  async function answer(request: IncomingMessage): Promise<Reply> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const route = `${request.method ?? ''} ${pathname}`;
    hits.set(route, (hits.get(route) ?? 0) + 1);
    const cookies = parseCookies(request.headers.cookie);
    const body = await readBody(request);
    if (cookies.has(REFRESH) && pathname !== '/auth/refresh') return problem(400, 'refresh_cookie_leaked');
    if (route === 'POST /auth/login') return signedIn();
    if (route === 'POST /auth/refresh') {
      state.refreshCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20)); // widen the race windows
      if (body.length > 0) return problem(400, 'invalid_request');
      const presented = cookies.get(REFRESH);
      if (presented === undefined) return problem(401, 'unauthenticated');
      if (state.refreshFailure !== null)
        return problem(state.refreshFailure.status, state.refreshFailure.code);
      if (presented !== currentRefresh) {
        currentRefresh = null; // reuse: the session is revoked
        return problem(401, 'refresh_token_reused');
      }
      return signedIn();
    }
    if (!pathname.startsWith('/api/')) return problem(404, 'not_found');
    if (state.apiFailure !== null) return problem(state.apiFailure.status, state.apiFailure.code);
    const failure = checkAccess(cookies); // on arrival, with the cookies this request carried
    if (route === 'GET /api/slow' && slowGate !== null) {
      const gate = slowGate;
      slowGate = null;
      gate.arrive();
      await gate.released;
    }
    if (failure !== null) return problem(401, failure);
    if (route === 'POST /api/echo') {
      echoed.push(body);
      return {
        status: 200,
        headers: { 'content-type': request.headers['content-type'] ?? 'text/plain' },
        body,
      };
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":"ok"}' };
  }

  function signedIn(): Reply {
    const headers = { 'content-type': 'application/json', 'set-cookie': issueCookies() };
    return { status: 200, headers, body: '{"user":{"id":"u1"}}' };
  }

  const server = createServer((request, response) => {
    answer(request).then(
      (reply) => response.writeHead(reply.status, reply.headers).end(reply.body),
      (error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const state = {
    url: `http://127.0.0.1:${port}`,
    refreshCalls: 0,
    hits,
    echoed,
    accessTtlMs: 60_000,
    refreshFailure: null as FakeAuthServer['refreshFailure'],
    apiFailure: null as FakeAuthServer['apiFailure'],
    expireAccessTokens() {
      for (const token of accessExpiry.keys()) accessExpiry.set(token, 0);
    },
    holdSlow() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      slowGate = { arrive, released };
      return { arrived, release };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return state;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return cookies;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** An RFC 9457 problem, as the real server answers (DESIGN §3.1). */
function problem(status: number, code: string): Reply {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="tessera", error="invalid_token"';
  return { status, headers, body: JSON.stringify({ type: 'about:blank', title: code, status, code }) };
}
