// `@tessera/core/session`: server-side sessions: create, validate, cache, list, revoke.
export { startSession } from '../account/start-session.js';
export type { RevocationReason } from '../account/revocation-reason.js';
export {
  revokeSessions,
  revokeUserSessions,
  type RevocationContext,
  type RevocationDeps,
} from '../account/revoke-sessions.js';
export { createSession, type CreatedSession, type NewSessionInput } from './create-session.js';
export { listUserSessions } from './list-user-sessions.js';
export type { SessionDeps } from './session-deps.js';
export { sessionExpiresAt } from './session-expiry.js';
export { SessionCache, type CacheRead, type SessionCacheOptions } from './session-cache.js';
export {
  resolveSessionPolicy,
  sessionLimitPolicies,
  type SessionLimitPolicy,
  type SessionPolicy,
} from './session-policy.js';
export { validateSessionToken, type ValidatedSession } from './validate-session-token.js';
