import type { TesseraDeps } from '../account/tessera-deps.js';
import type { AuditStore } from '../store/audit-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { UserStore } from '../store/user-store.js';

/**
 * What the administrative operations need: the store, time, randomness (audit ids) and the
 * revocation feed. The CLI builds exactly this, without keys or a server.
 *
 * @example
 * const revocationFeed = new RevocationFeed(store, 960, { clock: systemClock });
 * const deps: AdminDeps = { store, clock: systemClock, randomBytes: cryptoRandomBytes, revocationFeed };
 * await setUserRoles(deps, userId, ['admin'], actor);
 */
export type AdminDeps = Pick<TesseraDeps, 'clock' | 'randomBytes' | 'revocationFeed'> & {
  store: UserStore & SessionStore & AuditStore;
};
