import { anyone, json, ref, storeDown } from '../openapi/openapi-parts.js';
import type { PublicRoute } from '../router/route.js';
import { jsonResponse } from './lib/route-responses.js';

/** `GET /healthz`: readiness, the store answers. */
export const healthzRoute: PublicRoute = {
  method: 'GET',
  path: '/healthz',
  caller: 'anyone',
  async handle(context) {
    await context.services.deps.store.ping();
    return jsonResponse(200, { status: 'ok' });
  },
  openapi: {
    operationId: 'getHealth',
    summary: 'Readiness: the store answers',
    tags: ['operations'],
    security: anyone,
    responses: { '200': json('Ready.', ref('Status')), '503': storeDown },
  },
};
