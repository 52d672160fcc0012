import { openApiDocument } from './openapi-document.js';
import type { AppRoute } from './with-app-routes.js';

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of this server, serialized once.
 *
 * @example
 * withAppRoutes(handler, [createOpenApiRoute()]);
 */
export function createOpenApiRoute(): AppRoute {
  const body = JSON.stringify(openApiDocument);
  return {
    method: 'GET',
    path: '/openapi.json',
    handle: () =>
      Promise.resolve({ status: 200, headers: [['content-type', 'application/json; charset=utf-8']], body }),
  };
}
