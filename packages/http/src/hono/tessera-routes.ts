import { Hono, type Context } from 'hono';
import { payloadTooLargeResponse } from '../lib/payload-too-large-response.js';
import { readWebBody } from '../lib/read-web-body.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import { toWebResponse } from '../lib/to-web-response.js';
import { createHonoAuthRequest } from './create-hono-auth-request.js';

/**
 * Tessera's routes as a Hono app to mount at the root: `/auth/*` and every other route of the
 * handler (the JWKS, the probes, `/admin/*`), every method (core answers 405 itself). The body is read from the Web
 * `Request` up to the limit.
 *
 * @example
 * app.route('/', tesseraRoutes(tessera));
 */
export function tesseraRoutes(tessera: TesseraHttp): Hono {
  const { bodyLimitBytes } = tessera;
  const serve = async (c: Context) => {
    const request = c.req.raw;
    const body = await readWebBody(request.body, request.headers.get('content-length'), bodyLimitBytes);
    if (body === null) {
      const response = tessera.handle.cors.decorate(
        request.headers.get('origin'),
        payloadTooLargeResponse(bodyLimitBytes),
      );
      // An unread body may still be on the socket: the connection cannot be reused.
      response.headers.push(['connection', 'close']);
      return toWebResponse(response);
    }
    return toWebResponse(await tessera.handle(createHonoAuthRequest(c, body)));
  };
  const routes = new Hono();
  for (const path of [tessera.mountPath, `${tessera.mountPath}/*`, ...tessera.rootPaths]) {
    routes.all(path, serve);
  }
  return routes;
}
