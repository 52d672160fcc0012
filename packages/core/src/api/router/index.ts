export * from './create-router.js';
export * from './route.js';
