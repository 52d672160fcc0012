import type { IncomingMessage, ServerResponse } from 'node:http';
import { silentLogger, type AuthHandler, type AuthResponse, type Logger } from '@tessera/core';
import { internalErrorResponse, withSecurityHeaders, type CorsAware } from '@tessera/core/api';
import { checkSetting } from '@tessera/core/config';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { payloadTooLargeResponse } from '../lib/payload-too-large-response.js';
import { discardNodeBody, hasNoBody, readNodeBody } from '../lib/read-node-body.js';
import { writeNodeResponse } from '../lib/write-node-response.js';

/**
 * Options of the `node:http` adapter.
 *
 * @example
 * const options: NodeListenerOptions = { bodyLimitBytes: tessera.bodyLimitBytes, shutdownSignal: shutdown.signal };
 * http.createServer(createNodeListener(tessera.handle, options)).listen(3000);
 */
export interface NodeListenerOptions {
  /** Largest accepted request body (DESIGN §3.1 default: 64 KiB). */
  bodyLimitBytes: number;
  /** One line per request: method, path, status, duration. Never headers or bodies. */
  logger?: Logger;
  /** Aborted when the server shuts down: long-lived responses (event streams) end at once. */
  shutdownSignal?: AbortSignal;
}

/**
 * Mounts the auth handler on `node:http`: builds the request view (reading the body up to the
 * limit), then writes status, headers and body back. No auth policy lives here. The answers it
 * writes itself (413 past the limit, 500 for a handler that failed) get the handler's CORS headers
 * when it has a policy (`tessera.handle.cors`, DESIGN §10).
 *
 * @example
 * http.createServer(createNodeListener(handler, { bodyLimitBytes: 65536 })).listen(3000);
 */
export function createNodeListener(
  handler: AuthHandler & Partial<CorsAware>,
  options: NodeListenerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const bodyLimitBytes = checkSetting('bodyLimitBytes', options.bodyLimitBytes);
  const logger = options.logger ?? silentLogger;
  const { shutdownSignal } = options;
  const { cors } = handler;
  const withCors = (request: IncomingMessage, response: AuthResponse): AuthResponse =>
    cors === undefined ? response : cors.decorate(request.headers.origin, response);

  /** Nothing a handler, a stream or a store throws may leave the listener (see `serve`). */
  function fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    logger.error('request failed', { path: logPathOf(request), error: errorName(error) });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    writeNodeResponse(response, withCors(request, withSecurityHeaders(internalErrorResponse()))).catch(() =>
      response.destroy(),
    );
  }

  function answer(request: IncomingMessage, response: ServerResponse, body: Uint8Array): Promise<void> {
    const view = createAuthRequest({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      body,
      peerAddress: request.socket.remoteAddress,
      signal: () => signalFor(request, response, shutdownSignal),
    });
    return handler(view).then((result) => writeNodeResponse(response, result));
  }

  async function readThenAnswer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Uint8Array | null;
    try {
      body = await readNodeBody(request, bodyLimitBytes);
    } catch (error) {
      // The client went away or sent a broken stream: nothing useful can be answered.
      logger.warn('request body unreadable', { path: logPathOf(request), error: errorName(error) });
      response.destroy();
      return;
    }
    if (body === null) {
      await writeNodeResponse(response, withCors(request, payloadTooLargeResponse(bodyLimitBytes)), {
        closeConnection: true,
        closeAfter: discardNodeBody(request),
      });
      return;
    }
    await answer(request, response, body);
  }

  return (request, response) => {
    const startedAt = performance.now();
    response.on('finish', () => {
      logger.info('request', {
        method: request.method ?? '',
        path: logPathOf(request),
        status: response.statusCode,
        durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
      });
    });
    // Nothing a handler, a stream or a store throws may leave the listener: an unhandled rejection
    // stops Node, and with it every other client (issue 11). The request gets a 500 while it still
    // can, its connection is cut otherwise, and the process keeps serving.
    let served: Promise<void>;
    try {
      // Most requests (every GET) have no body: answered without waiting for the stream.
      served = hasNoBody(request) ? answer(request, response, EMPTY_BODY) : readThenAnswer(request, response);
    } catch (error) {
      fail(request, response, error);
      return;
    }
    served.catch((error: unknown) => fail(request, response, error));
  };
}

const EMPTY_BODY = new Uint8Array(0);

/** The path for log lines: without the query (it may carry secrets), at most 200 characters. */
function logPathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return (query === -1 ? url : url.slice(0, query)).slice(0, 200);
}

/**
 * The request's abort signal, made the first time a route reads it (the event stream does): an
 * AbortController and two listeners per request would cost every request for the sake of one
 * long-lived route.
 */
function signalFor(
  request: IncomingMessage,
  response: ServerResponse,
  shutdownSignal: AbortSignal | undefined,
): AbortSignal {
  const existing = signals.get(request);
  if (existing !== undefined) return existing;
  const created = new AbortController();
  signals.set(request, created.signal);
  const abort = () => created.abort();
  if (response.closed) {
    if (!response.writableFinished) abort();
    return created.signal;
  }
  shutdownSignal?.addEventListener('abort', abort, { once: true });
  if (shutdownSignal?.aborted === true) abort();
  response.once('close', () => {
    shutdownSignal?.removeEventListener('abort', abort);
    // Only a response cut short (a client leaving an event stream) needs the abort; aborting
    // every finished request would build an AbortError per request for nothing.
    if (!response.writableFinished) abort();
  });
  return created.signal;
}
const signals = new WeakMap<IncomingMessage, AbortSignal>();

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
