import type { OpenApiDocument, OpenApiMethod, OperationObject } from './openapi-types.js';

/**
 * What the document needs of a route: where it is and its operation.
 *
 * @example
 * const versionDocument = { method: 'GET', path: '/version', openapi: getVersionOperation } as const satisfies DocumentedRoute;
 * const paths = buildOpenApiPaths([...apiRoutes, versionDocument]);
 */
export interface DocumentedRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `:name` segments become `{name}`. */
  readonly path: string;
  readonly openapi: OperationObject;
}

/**
 * The `paths` of the OpenAPI document, assembled from the routes' own operations, in route order.
 *
 * @example
 * const paths = buildOpenApiPaths([...apiRoutes, metricsRouteDocument]);
 */
export function buildOpenApiPaths(routes: readonly DocumentedRoute[]): OpenApiDocument['paths'] {
  const paths: Record<string, Partial<Record<OpenApiMethod, OperationObject>>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const method = route.method.toLowerCase() as OpenApiMethod;
    const item = (paths[path] ??= {});
    if (item[method] !== undefined) throw new TypeError(`buildOpenApiPaths: ${route.method} ${path} twice`);
    item[method] = route.openapi;
  }
  return paths;
}
