import type { AuthRequest } from '@tessera/core';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { payloadTooLargeResponse } from '../lib/payload-too-large-response.js';
import { readWebBody } from '../lib/read-web-body.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import { toWebResponse } from '../lib/to-web-response.js';

/**
 * Core's request view of a Web `Request` (fetch-style runtimes: Next.js route handlers, workers).
 * `peerAddress` is the TCP peer when the runtime tells it; `''` otherwise (then only a trusted
 * proxy's `X-Forwarded-For` can name the client, `TESSERA_TRUST_PROXY`).
 *
 * @example
 * const result = await tessera.authenticate(createFetchAuthRequest(request));
 */
export function createFetchAuthRequest(
  request: Request,
  peerAddress?: string,
  body?: Uint8Array,
): AuthRequest {
  const url = new URL(request.url);
  return createAuthRequest({
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers: new Headers(request.headers),
    ...(body === undefined ? {} : { body, signal: request.signal }),
    peerAddress,
  });
}

/**
 * Serves Tessera's routes to Web `Request`s: the body is read up to the limit (413 past it), the
 * answer is a Web `Response` (the revocation feed streamed). Mount it where every Tessera path
 * reaches it (`/auth/*`, and the JWKS and probes if the runtime routes them here).
 *
 * @example
 * const serve = createFetchHandler(tessera);
 * export const POST = (request: Request) => serve(request);
 */
export function createFetchHandler(
  tessera: TesseraHttp,
  options: { peerAddress?: (request: Request) => string | undefined } = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = await readWebBody(
      request.body,
      request.headers.get('content-length'),
      tessera.bodyLimitBytes,
    );
    if (body === null) {
      const response = tessera.handle.cors.decorate(
        request.headers.get('origin'),
        payloadTooLargeResponse(tessera.bodyLimitBytes),
      );
      response.headers.push(['connection', 'close']);
      return toWebResponse(response);
    }
    const view = createFetchAuthRequest(request, options.peerAddress?.(request), body);
    return toWebResponse(await tessera.handle(view));
  };
}
