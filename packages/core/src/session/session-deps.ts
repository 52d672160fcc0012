import type { Clock } from '../clock.js';
import type { RandomBytes } from '../random.js';
import type { SessionStore } from '../store/session-store.js';
import type { SessionCache } from './session-cache.js';
import type { SessionPolicy } from './session-policy.js';

/**
 * What the session functions need, passed explicitly (the composition root wires real ones).
 *
 * @example
 * const sessionDeps: SessionDeps = await createTesseraDeps(options); // TesseraDeps includes it
 * const validated = await validateSessionToken(sessionDeps, token);
 */
export interface SessionDeps {
  store: SessionStore;
  clock: Clock;
  randomBytes: RandomBytes;
  policy: SessionPolicy;
  /** Serves hot session reads from memory; revocations reach it through the feed. */
  sessionCache: SessionCache;
}
