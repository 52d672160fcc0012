import type { TesseraDeps } from '../account/tessera-deps.js';

/**
 * What the administrative operations need: the store, time, randomness (audit ids) and the
 * revocation feed. The CLI builds exactly this, without keys or a server.
 */
export type AdminDeps = Pick<TesseraDeps, 'store' | 'clock' | 'randomBytes' | 'revocationFeed'>;
