import {
  openApiAnyone,
  openApiJson,
  type DocumentedRoute,
  type OpenApiDocument,
  type PublicRoute,
} from '@tessera/core/api';

/** Where `/openapi.json` is and its OpenAPI operation. */
export const openApiRouteDocument = {
  method: 'GET',
  path: '/openapi.json',
  openapi: {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tags: ['operations'],
    security: openApiAnyone,
    responses: { '200': openApiJson('OpenAPI 3.1.', { type: 'object', required: ['openapi', 'paths'] }) },
  },
} as const satisfies DocumentedRoute;

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document of this server, serialized once.
 *
 * @example
 * createAuthHandler({ ...options, extraRoutes: [createOpenApiRoute(openApiDocument)] });
 */
export function createOpenApiRoute(document: OpenApiDocument): PublicRoute {
  const body = JSON.stringify(document);
  return {
    ...openApiRouteDocument,
    caller: 'anyone',
    handle: () =>
      Promise.resolve({ status: 200, headers: [['content-type', 'application/json; charset=utf-8']], body }),
  };
}
