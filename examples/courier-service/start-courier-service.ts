import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccessTokenError,
  createRemoteKeySet,
  followRevocationFeed,
  RevocationSet,
  verifyAccessToken,
  type AccessTokenClaims,
  type AccessTokenErrorCode,
  type FeedLossPolicy,
} from '@tessera/verify';

/** Options of `startCourierService`. */
export interface CourierServiceOptions {
  /** The auth server (here: the food-delivery app), e.g. `http://127.0.0.1:3100`. */
  authUrl: string;
  /** `iss` the tokens must carry; default `authUrl`. */
  issuer?: string;
  /** `aud` the tokens must carry; default `food-delivery`. */
  audience?: string;
  /** 0: an ephemeral port. */
  port: number;
  /** What to do while the revocation feed is lost; default fail closed after 10 s. */
  feedLoss?: { policy: FeedLossPolicy; maxSilenceSeconds: number };
}

/** A running courier service. */
export interface RunningCourierService {
  url: string;
  close(): Promise<void>;
}

/** A delivery waiting for a courier, or taken by one. */
interface Delivery {
  id: string;
  pickup: string;
  dropoff: string;
  courierId: string | null;
}

/** Every refusal a token can get, mapped once; a new code does not compile until it is mapped. */
const ANSWERS: Record<AccessTokenErrorCode, { status: 401 | 503; code: string; detail: string }> = {
  ERR_INVALID_TOKEN: { status: 401, code: 'invalid_token', detail: 'The access token is not valid.' },
  ERR_TOKEN_EXPIRED: { status: 401, code: 'token_expired', detail: 'The access token has expired.' },
  ERR_SESSION_REVOKED: { status: 401, code: 'session_revoked', detail: 'This session has been signed out.' },
  ERR_KEY_SET_UNAVAILABLE: {
    status: 503,
    code: 'service_unavailable',
    detail: 'The auth server cannot be reached; try again shortly.',
  },
  ERR_REVOCATION_FEED_UNAVAILABLE: {
    status: 503,
    code: 'service_unavailable',
    detail: 'Revocations cannot be checked right now; try again shortly.',
  },
};

const REALM = 'courier-service';

/**
 * Starts the courier service: a plain `node:http` server that never reads the auth server's
 * database. It trusts bearer access tokens issued by the auth server by checking them against
 * its public keys (`/.well-known/jwks.json`) and refuses revoked sessions, which it learns about
 * from the auth server's revocation feed (`/auth/revocations`) as they happen.
 *
 * @example
 * const couriers = await startCourierService({ authUrl: 'http://127.0.0.1:3100', port: 3200 });
 */
export async function startCourierService(options: CourierServiceOptions): Promise<RunningCourierService> {
  const issuer = options.issuer ?? options.authUrl;
  const audience = options.audience ?? 'food-delivery';
  const keys = createRemoteKeySet(new URL('/.well-known/jwks.json', options.authUrl).href);
  const feedLoss = options.feedLoss ?? { policy: 'fail-closed', maxSilenceSeconds: 10 };
  const revocations = new RevocationSet({
    onFeedLoss: feedLoss.policy,
    maxFeedSilenceSeconds: feedLoss.maxSilenceSeconds,
  });
  const feed = followRevocationFeed({
    url: new URL('/auth/revocations', options.authUrl),
    revocations,
  });
  const deliveries: Delivery[] = [
    { id: 'd1', pickup: 'Pizza Nova', dropoff: '12 Elm Street', courierId: null },
    { id: 'd2', pickup: 'Green Bowl', dropoff: '3 Harbour Road', courierId: null },
  ];

  /** The caller's claims, or `null` when the refusal has been answered. */
  async function authenticate(
    authorization: string | undefined,
    response: ServerResponse,
  ): Promise<AccessTokenClaims | null> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (match === null) {
      // RFC 6750 §3.1: no credentials at all gets no error code in the challenge.
      send(response, 401, problem(401, 'unauthenticated', 'Send an access token.'), {
        'www-authenticate': `Bearer realm="${REALM}"`,
      });
      return null;
    }
    try {
      return await verifyAccessToken(match[1] ?? '', { keys, issuer, audience, revocations });
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      // Which check failed stays in this process: the client learns the code, not the reason.
      const { status, code, detail } = ANSWERS[error.code];
      const headers: Record<string, string> =
        status === 401
          ? { 'www-authenticate': `Bearer realm="${REALM}", error="invalid_token"` }
          : { 'retry-after': '5' };
      send(response, status, problem(status, code, detail), headers);
      return null;
    }
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    if (path === '/healthz' && request.method === 'GET') {
      send(response, 200, { feedConnected: feed.connected });
      return;
    }
    const accept = /^\/deliveries\/([A-Za-z0-9-]+)\/accept$/.exec(path);
    if (path !== '/deliveries' && accept === null) {
      send(response, 404, problem(404, 'not_found', 'There is nothing here.'));
      return;
    }
    const method = accept === null ? 'GET' : 'POST';
    if (request.method !== method) {
      send(response, 405, problem(405, 'method_not_allowed', 'Method not allowed.'), { allow: method });
      return;
    }
    // Bearer tokens only: the browser never attaches them by itself, so there is no CSRF to check.
    authenticate(request.headers.authorization, response)
      .then((claims) => {
        if (claims === null) return;
        if (!claims.roles.includes('courier')) {
          send(response, 403, problem(403, 'forbidden', 'Only couriers can see deliveries.'));
          return;
        }
        if (accept === null) {
          const visible = deliveries.filter((d) => d.courierId === null || d.courierId === claims.sub);
          send(response, 200, { courier: claims.sub, deliveries: visible });
          return;
        }
        const delivery = deliveries.find((d) => d.id === accept[1]);
        if (delivery === undefined) {
          send(response, 404, problem(404, 'delivery_not_found', 'There is no such delivery.'));
        } else if (delivery.courierId !== null && delivery.courierId !== claims.sub) {
          send(response, 409, problem(409, 'delivery_taken', 'Another courier took this delivery.'));
        } else {
          delivery.courierId = claims.sub;
          send(response, 200, { delivery });
        }
      })
      .catch(() => send(response, 500, problem(500, 'internal_error', 'Something went wrong on our side.')));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        feed.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function problem(status: number, code: string, detail: string): Record<string, unknown> {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail };
}

const TITLES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function send(
  response: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(JSON.stringify(body));
}
