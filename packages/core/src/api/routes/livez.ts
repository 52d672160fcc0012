import { anyone, json, ref } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /livez`: liveness, the process answers. No store, no auth (readiness is `/healthz`). */
export const livezRoute: PublicRoute = {
  method: 'GET',
  path: '/livez',
  caller: 'anyone',
  handle: () => Promise.resolve(jsonResponse(200, { status: 'ok' })),
  openapi: {
    operationId: 'getLiveness',
    summary: 'Liveness: the process answers',
    tags: ['operations'],
    security: anyone,
    responses: { '200': json('Alive.', ref('Status')) },
  },
};
