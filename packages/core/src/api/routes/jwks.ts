import { anyone, json, ref } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** The JWKS may be cached this long (the same lead a rotated-in key gets before it signs). */
const JWKS_MAX_AGE_SECONDS = 300;

/** `GET /.well-known/jwks.json`: the public signing keys. */
export const jwksRoute: PublicRoute = {
  method: 'GET',
  path: '/.well-known/jwks.json',
  caller: 'anyone',
  handle(context) {
    const response = jsonResponse(200, context.services.deps.tokens.keyRing.jwks(context.now));
    response.headers.push(
      ['cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`],
      // Public keys are meant to be fetched from anywhere, browsers included.
      ['access-control-allow-origin', '*'],
      ['cross-origin-resource-policy', 'cross-origin'],
    );
    return Promise.resolve(response);
  },
  openapi: {
    operationId: 'getJwks',
    summary: 'The public signing keys (JWK set)',
    description: 'Cacheable for 300 seconds; readable from any origin.',
    tags: ['keys'],
    security: anyone,
    responses: { '200': json('Public keys only.', ref('JwkSet')) },
  },
};
