export * from './build-openapi-paths.js';
export * from './openapi-components.js';
export * from './openapi-types.js';
