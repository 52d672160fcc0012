export * from './build-openapi-paths.js';
export * from './openapi-components.js';
export * from './openapi-types.js';
export {
  anyone as openApiAnyone,
  json as openApiJson,
  problem as openApiProblem,
  wwwAuthenticate as openApiWwwAuthenticate,
} from './openapi-parts.js';
