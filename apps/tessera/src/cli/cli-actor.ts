import type { AdminActor } from '@tessera/core/admin';

/** The actor of every CLI action in the audit log: an operator with access to the store. */
export const CLI_ACTOR: AdminActor = { via: 'cli', userId: null, sessionId: null, origin: null };
