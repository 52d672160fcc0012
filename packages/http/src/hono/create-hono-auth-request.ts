import type { AuthRequest } from '@tessera/core';
import type { Context } from 'hono';
import { createAuthRequest } from '../lib/create-auth-request.js';

/**
 * Core's request view of a Hono request. The peer address comes from `@hono/node-server`'s
 * bindings (`c.env.incoming.socket`) when the app runs there; other runtimes give `''`.
 *
 * @example
 * const view = createHonoAuthRequest(c, body);
 */
export function createHonoAuthRequest(c: Context, body?: Uint8Array): AuthRequest {
  const request = c.req.raw;
  return createAuthRequest({
    method: request.method,
    url: pathAndQuery(request.url),
    headers: request.headers,
    ...(body === undefined ? {} : { body, signal: request.signal }),
    peerAddress: nodePeerAddress(c.env),
  });
}

/** `https://host/a/b?q` → `/a/b?q`, without re-encoding what the client sent. */
function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  return start === -1 ? '/' : url.slice(start);
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
  server?: NodeBindings;
}

/** Read structurally, so the adapter does not depend on `@hono/node-server`. */
function nodePeerAddress(env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const bindings = env as NodeBindings;
  return (bindings.server ?? bindings).incoming?.socket?.remoteAddress;
}
