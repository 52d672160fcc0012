import { createHash, timingSafeEqual } from 'node:crypto';
import { problemResponse, UnauthenticatedError } from '@tessera/core';
import type { Registry } from 'prom-client';
import type { AppRoute } from './with-app-routes.js';

const BEARER_PATTERN = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * `GET /metrics`: the registry in the Prometheus text format (0.0.4). With `metricsToken` set
 * (`TESSERA_METRICS_TOKEN`), only a request carrying it as a bearer token is answered; the compare
 * is between SHA-256 digests with `timingSafeEqual`, so its time tells nothing about the token.
 * Without one, anyone who can reach the port can read counts (never a secret, an id or an address):
 * the server binds 127.0.0.1 unless told otherwise (docs/decisions/0018-metrics-access.md).
 *
 * @example
 * withAppRoutes(handler, [createMetricsRoute(metrics.registry, config.metricsToken)]);
 */
export function createMetricsRoute(registry: Registry, metricsToken: string | null): AppRoute {
  const expected = metricsToken === null ? null : digest(metricsToken);
  return {
    method: 'GET',
    path: '/metrics',
    async handle(request) {
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
