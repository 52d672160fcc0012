import type { TesseraDeps } from '../account/tessera-deps.js';
import type { AuditStore } from '../store/audit-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { UserStore } from '../store/user-store.js';

/**
 * What the administrative operations need: the store, time, randomness (audit ids) and the
 * revocation feed. The CLI builds exactly this, without keys or a server.
 */
export type AdminDeps = Pick<TesseraDeps, 'clock' | 'randomBytes' | 'revocationFeed'> & {
  store: UserStore & SessionStore & AuditStore;
};
