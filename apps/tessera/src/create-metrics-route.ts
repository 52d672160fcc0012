import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from '@tessera/core';
import {
  openApiAnyone,
  openApiProblem,
  openApiWwwAuthenticate,
  problemResponse,
  type DocumentedRoute,
  type PublicRoute,
} from '@tessera/core/api';
import type { Registry } from 'prom-client';

const BEARER_PATTERN = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/** Where `/metrics` is and its OpenAPI operation (the document is built without a registry). */
export const metricsRouteDocument = {
  method: 'GET',
  path: '/metrics',
  openapi: {
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (text format 0.0.4)',
    description:
      'Counts only: no user id, email, address or token in any label. Open when `TESSERA_METRICS_TOKEN` is unset ' +
      '(the server binds 127.0.0.1 by default); otherwise the token is required as a bearer token.',
    tags: ['operations'],
    security: [...openApiAnyone, { metricsToken: [] }],
    responses: {
      '200': {
        description: 'The metrics.',
        content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } },
      },
      '401': openApiProblem(
        '`TESSERA_METRICS_TOKEN` is set and the request does not carry it.',
        ['unauthenticated'],
        {
          'WWW-Authenticate': openApiWwwAuthenticate,
        },
      ),
    },
  },
} as const satisfies DocumentedRoute;

/**
 * `GET /metrics`: the registry in the Prometheus text format (0.0.4). With `metricsToken` set
 * (`TESSERA_METRICS_TOKEN`), only a request carrying it as a bearer token is answered; the compare
 * is between SHA-256 digests with `timingSafeEqual`, so its time tells nothing about the token.
 * Without one, anyone who can reach the port can read counts (never a secret, an id or an address):
 * the server binds 127.0.0.1 unless told otherwise (docs/decisions/0018-metrics-access.md).
 *
 * @example
 * createAuthHandler({ ...options, extraRoutes: [createMetricsRoute(metrics.registry, config.metricsToken)] });
 */
export function createMetricsRoute(registry: Registry, metricsToken: string | null): PublicRoute {
  const expected = metricsToken === null ? null : digest(metricsToken);
  return {
    ...metricsRouteDocument,
    caller: 'anyone',
    async handle({ request }) {
      if (expected !== null) {
        const authorization = request.headers['authorization'];
        const presented = authorization === undefined ? null : BEARER_PATTERN.exec(authorization.trim());
        if (presented === null || !timingSafeEqual(digest(presented[1] ?? ''), expected)) {
          return problemResponse(
            new UnauthenticatedError('Send the metrics token as a bearer token.'),
            authorization !== undefined,
          );
        }
      }
      return {
        status: 200,
        headers: [['content-type', registry.contentType]],
        body: await registry.metrics(),
      };
    },
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
