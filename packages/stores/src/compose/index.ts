export { composeStore } from './compose-store.js';
export type { ComposeStoreParts, StorePartLifecycle } from './compose-store.js';
