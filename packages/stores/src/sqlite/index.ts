export { openSqliteStore } from './open-sqlite-store.js';
export type { OpenSqliteStoreOptions } from './open-sqlite-store.js';
