export { openPostgresStore } from './open-postgres-store.js';
export type { OpenPostgresStoreOptions } from './open-postgres-store.js';
