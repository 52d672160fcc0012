import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { AuthRequest } from '@tessera/core';
import type { AppRequestAuthentication } from '@tessera/core/api';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { isTesseraPath } from '../lib/is-tessera-path.js';
import { payloadTooLargeResponse } from '../lib/payload-too-large-response.js';
import { discardNodeBody, readNodeBody } from '../lib/read-node-body.js';
import { toRequestAuth } from '../lib/request-auth.js';
import { rememberCorsPolicy } from '../lib/request-cors.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import { writeNodeResponse } from '../lib/write-node-response.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

/**
 * Tessera for Express, mounted at the root before any body parser. Tessera's routes (`/auth/*`
 * and every other route of the handler: the JWKS, the probes, `/admin/*`) are served from the raw body stream; every other
 * request is authenticated and continues with `req.auth` set (`null`: anonymous), a sliding
 * session's `Set-Cookie` already appended. A refused credential or a cross-site unsafe request is
 * answered at once (401/403 problem).
 *
 * @example
 * app.use(tesseraExpress(tessera));
 * app.get('/api/profile', requireAuth(), (req: AuthenticatedRequest, res) => res.json(req.auth?.user));
 */
export function tesseraExpress(tessera: TesseraHttp): RequestHandler {
  return (req, res, next) => {
    const url = req.originalUrl;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const work = isTesseraPath(tessera, path)
      ? serveTessera(tessera, req, res)
      : tessera.authenticate(authRequestOf(req)).then((result) => {
          if (result.kind === 'refused') return writeNodeResponse(res, result.response);
          admit(tessera, req, res, result);
          next();
          return undefined;
        });
    work.catch(next);
  };
}

async function serveTessera(tessera: TesseraHttp, req: Request, res: Response): Promise<void> {
  if (req.readableEnded) {
    throw new TypeError('Mount tesseraExpress() before any body parser: it reads the raw body of its routes');
  }
  const body = await readNodeBody(req, tessera.bodyLimitBytes);
  if (body === null) {
    const tooLarge = payloadTooLargeResponse(tessera.bodyLimitBytes);
    await writeNodeResponse(res, tessera.handle.cors.decorate(req.headers.origin, tooLarge), {
      closeConnection: true,
      closeAfter: discardNodeBody(req),
    });
    return;
  }
  const view = createAuthRequest({
    method: req.method,
    url: req.originalUrl,
    headers: req.headers,
    body,
    peerAddress: req.socket.remoteAddress,
    signal: closeSignal(res),
  });
  await writeNodeResponse(res, await tessera.handle(view));
}

/** The request view of an application route (no body: it is never read there). */
function authRequestOf(req: Request): AuthRequest {
  return createAuthRequest({
    method: req.method,
    url: req.originalUrl,
    headers: req.headers,
    peerAddress: req.socket.remoteAddress,
  });
}

/** Sets `req.auth` (`null`: anonymous) and appends a sliding session's `Set-Cookie`. */
function admit(
  tessera: TesseraHttp,
  req: Request,
  res: Response,
  result: Exclude<AppRequestAuthentication, { kind: 'refused' }>,
): void {
  rememberCorsPolicy(req, tessera.handle.cors);
  (req as AuthenticatedRequest).auth = result.kind === 'authenticated' ? toRequestAuth(result) : null;
  if (result.kind === 'authenticated') for (const [name, value] of result.headers) res.append(name, value);
}

/** Aborted when the client goes away (ends the revocation event stream). */
function closeSignal(response: ServerResponse): AbortSignal {
  const aborter = new AbortController();
  response.once('close', () => aborter.abort());
  return aborter.signal;
}
