import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkSetting,
  internalErrorResponse,
  silentLogger,
  withSecurityHeaders,
  type AuthHandler,
  type Logger,
} from '@tessera/core';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { payloadTooLargeResponse } from '../lib/payload-too-large-response.js';
import { discardNodeBody, readNodeBody } from '../lib/read-node-body.js';
import { writeNodeResponse } from '../lib/write-node-response.js';

/** Options of the `node:http` adapter. */
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
 * limit), then writes status, headers and body back. No auth policy lives here.
 *
 * @example
 * http.createServer(createNodeListener(handler, { bodyLimitBytes: 65536 })).listen(3000);
 */
export function createNodeListener(
  handler: AuthHandler,
  options: NodeListenerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const bodyLimitBytes = checkSetting('bodyLimitBytes', options.bodyLimitBytes);
  const logger = options.logger ?? silentLogger;
  return (request, response) => {
    const startedAt = process.hrtime.bigint();
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      logger.info('request', {
        method: request.method ?? '',
        path: path.slice(0, 200),
        status: response.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
      });
    });
    // The abort signal is made when a route reads it (the event stream does): an AbortController
    // and two listeners per request would cost every request for the sake of one long-lived route.
    let aborter: AbortController | null = null;
    const signalOnDemand = () => {
      if (aborter !== null) return aborter.signal;
      const created = new AbortController();
      aborter = created;
      const abort = () => created.abort();
      if (response.closed) {
        if (!response.writableFinished) abort();
        return created.signal;
      }
      options.shutdownSignal?.addEventListener('abort', abort, { once: true });
      if (options.shutdownSignal?.aborted === true) abort();
      response.once('close', () => {
        options.shutdownSignal?.removeEventListener('abort', abort);
        // Only a response cut short (a client leaving an event stream) needs the abort; aborting
        // every finished request would build an AbortError per request for nothing.
        if (!response.writableFinished) abort();
      });
      return created.signal;
    };
    const serve = async () => {
      let body: Uint8Array | null;
      try {
        body = await readNodeBody(request, bodyLimitBytes);
      } catch (error) {
        // The client went away or sent a broken stream: nothing useful can be answered.
        logger.warn('request body unreadable', { path: path.slice(0, 200), error: errorName(error) });
        response.destroy();
        return;
      }
      if (body === null) {
        await writeNodeResponse(response, payloadTooLargeResponse(bodyLimitBytes), {
          closeConnection: true,
          closeAfter: discardNodeBody(request),
        });
        return;
      }
      const view = createAuthRequest({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body,
        peerAddress: request.socket.remoteAddress,
        signal: signalOnDemand,
      });
      await writeNodeResponse(response, await handler(view));
    };
    // Nothing a handler, a stream or a store throws may leave the listener: an unhandled rejection
    // stops Node, and with it every other client (issue 11). The request gets a 500 while it still
    // can, its connection is cut otherwise, and the process keeps serving.
    serve().catch((error: unknown) => {
      logger.error('request failed', { path: path.slice(0, 200), error: errorName(error) });
      if (response.headersSent) {
        response.destroy();
        return;
      }
      writeNodeResponse(response, withSecurityHeaders(internalErrorResponse())).catch(() =>
        response.destroy(),
      );
    });
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
