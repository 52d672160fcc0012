import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PayloadTooLargeError,
  problemResponse,
  silentLogger,
  withSecurityHeaders,
  type AuthHandler,
  type AuthRequest,
  type AuthResponse,
  type Logger,
} from '@tessera/core';

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
  const { bodyLimitBytes } = options;
  if (!Number.isSafeInteger(bodyLimitBytes) || bodyLimitBytes <= 0) {
    throw new TypeError('bodyLimitBytes must be a positive integer');
  }
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
    const aborter = new AbortController();
    const abort = () => aborter.abort();
    response.once('close', abort);
    options.shutdownSignal?.addEventListener('abort', abort, { once: true });
    response.once('close', () => options.shutdownSignal?.removeEventListener('abort', abort));
    readBody(request, bodyLimitBytes).then(
      async (body) => {
        if (body === null) {
          const tooLarge = withSecurityHeaders(problemResponse(new PayloadTooLargeError(bodyLimitBytes)));
          writeResponse(response, tooLarge, true);
          return;
        }
        const authRequest: AuthRequest = {
          method: request.method ?? 'GET',
          path,
          headers: toHeaderRecord(request),
          body,
          peerAddress: request.socket.remoteAddress ?? '',
          signal: aborter.signal,
        };
        const result = await handler(authRequest);
        if (result.stream === undefined) writeResponse(response, result, false);
        else await writeStream(response, result, result.stream);
      },
      (error: unknown) => {
        // The client went away or sent a broken stream: nothing useful can be answered.
        logger.warn('request body unreadable', {
          path: path.slice(0, 200),
          error: error instanceof Error ? error.name : typeof error,
        });
        response.destroy();
      },
    );
  };
}

/** Reads the whole body, or `null` as soon as it exceeds `limitBytes`. */
function readBody(request: IncomingMessage, limitBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      received += chunk.length;
      if (received > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

async function writeStream(response: ServerResponse, result: AuthResponse, stream: AsyncIterable<string>) {
  response.writeHead(result.status, toOutgoingHeaders(result));
  response.flushHeaders();
  try {
    for await (const chunk of stream) {
      if (response.destroyed) break;
      if (!response.write(chunk)) await once(response, 'drain');
    }
  } finally {
    response.end();
  }
}

function toHeaderRecord(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = Object.create(null) as Record<
    string,
    string | undefined
  >;
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function toOutgoingHeaders(result: AuthResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of result.headers) {
    const existing = headers[name];
    if (existing === undefined) headers[name] = value;
    else headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return headers;
}

function writeResponse(response: ServerResponse, result: AuthResponse, closeConnection: boolean): void {
  const headers = toOutgoingHeaders(result);
  // An unread body is still on the socket after an early 413: the connection cannot be reused.
  if (closeConnection) headers['connection'] = 'close';
  response.writeHead(result.status, headers);
  response.end(result.body ?? undefined);
}
