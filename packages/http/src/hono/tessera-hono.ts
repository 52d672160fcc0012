import type { MiddlewareHandler } from 'hono';
import { isTesseraPath } from '../lib/is-tessera-path.js';
import { toRequestAuth } from '../lib/request-auth.js';
import { rememberCorsPolicy } from '../lib/request-cors.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import { toWebResponse } from '../lib/to-web-response.js';
import { createHonoAuthRequest } from './create-hono-auth-request.js';
import type { TesseraEnv } from './tessera-env.js';

/**
 * Authenticates every request to the application's routes: sets `c.get('auth')` (`null`:
 * anonymous) and, after the handler, appends a sliding session's `Set-Cookie`. A refused credential
 * or a cross-site unsafe request is answered at once (401/403 problem). Tessera's own paths are
 * left to `tesseraRoutes()`.
 *
 * @example
 * app.use(tesseraHono(tessera));
 * app.route('/', tesseraRoutes(tessera));
 */
export function tesseraHono(tessera: TesseraHttp): MiddlewareHandler<TesseraEnv> {
  return async (c, next) => {
    if (isTesseraPath(tessera, c.req.path)) {
      await next();
      return undefined;
    }
    const result = await tessera.authenticate(createHonoAuthRequest(c));
    if (result.kind === 'refused') return toWebResponse(result.response);
    rememberCorsPolicy(c.req.raw, tessera.handle.cors);
    c.set('auth', result.kind === 'authenticated' ? toRequestAuth(result) : null);
    await next();
    if (result.kind === 'authenticated') {
      for (const [name, value] of result.headers) c.res.headers.append(name, value);
    }
    return undefined;
  };
}
