import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '@tessera/core';
import { problemResponse, withSecurityHeaders } from '@tessera/core/api';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createAuthRequest } from '../lib/create-auth-request.js';
import { isTesseraPath } from '../lib/is-tessera-path.js';
import { toRequestAuth } from '../lib/request-auth.js';
import { rememberCorsPolicy } from '../lib/request-cors.js';
import type { TesseraHttp } from '../lib/tessera-http.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { sendAuthResponse } from './send-auth-response.js';

/**
 * Tessera as a Fastify plugin. It declares `request.auth` up front, authenticates every request to
 * the application's routes in `onRequest` (a refused credential or a cross-site unsafe request is
 * answered there: 401/403 problem), commits a sliding session's `Set-Cookie` in `onSend`, and
 * registers Tessera's routes (`/auth/*` and every other route of the handler: the JWKS, the probes, `/admin/*`) in their
 * own encapsulated context, whose content-type parser keeps the raw bytes up to the body limit.
 *
 * The hooks and the decorator reach the whole application, so the plugin opts out of Fastify's
 * encapsulation the way `fastify-plugin` does (`Symbol.for('skip-override')`), without the extra
 * dependency.
 *
 * @example
 * await app.register(tesseraFastify(tessera));
 * app.get('/api/profile', { preHandler: requireAuth() }, (request: AuthenticatedRequest) => request.auth?.user);
 */
export function tesseraFastify(tessera: TesseraHttp): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    // Headers to commit in `onSend`, kept off the request so its shape stays the declared one.
    const pending = new WeakMap<FastifyRequest, [string, string][]>();
    app.decorateRequest('auth', null);
    app.addHook('onRequest', async (request, reply) => {
      if (isTesseraPath(tessera, request.url.split('?', 1)[0] ?? '/')) return;
      const result = await tessera.authenticate(
        createAuthRequest({
          method: request.method,
          url: request.url,
          headers: request.headers,
          peerAddress: request.raw.socket.remoteAddress,
        }),
      );
      if (result.kind === 'refused') return sendAuthResponse(reply, result.response);
      rememberCorsPolicy(request, tessera.handle.cors);
      if (result.kind === 'authenticated') {
        (request as AuthenticatedRequest).auth = toRequestAuth(result);
        if (result.headers.length > 0) pending.set(request, result.headers);
      }
      return undefined;
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      for (const [name, value] of pending.get(request) ?? []) reply.header(name, value);
      done(null, payload);
    });
    await app.register((routes, _options, done) => {
      registerTesseraRoutes(routes, tessera);
      done();
    });
  };
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@tessera/http/fastify',
  });
  return plugin;
}

/** Tessera's routes, in a context of their own: its body parsing and errors stay inside it. */
function registerTesseraRoutes(routes: FastifyInstance, tessera: TesseraHttp): void {
  const { bodyLimitBytes } = tessera;
  routes.removeAllContentTypeParsers();
  routes.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: bodyLimitBytes },
    (_request, body, done) => {
      done(null, body);
    },
  );
  // Fastify reports body trouble before the handler runs; answer it in the contract's shape.
  routes.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const problem =
      error.statusCode === 413
        ? new PayloadTooLargeError(bodyLimitBytes)
        : error.statusCode === 415
          ? new UnsupportedMediaTypeError()
          : error.statusCode === 400
            ? new InvalidRequestError('The request body could not be read.')
            : null;
    if (problem === null) return reply.send(error);
    const answer = withSecurityHeaders(problemResponse(problem));
    return sendAuthResponse(reply, tessera.handle.cors.decorate(request.headers.origin, answer));
  });
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const aborter = new AbortController();
    reply.raw.once('close', () => aborter.abort());
    const view = createAuthRequest({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body instanceof Uint8Array ? request.body : new Uint8Array(0),
      peerAddress: request.raw.socket.remoteAddress,
      signal: aborter.signal,
    });
    return sendAuthResponse(reply, await tessera.handle(view));
  };
  const urls = [tessera.mountPath, `${tessera.mountPath}/*`, ...tessera.rootPaths];
  for (const url of urls) routes.all(url, { bodyLimit: bodyLimitBytes }, handler);
}
