import type { PasswordHasher } from '../password/index.js';
import type { SessionDeps } from '../session/index.js';
import type { TesseraStore } from '../store/index.js';
import type { KeyedLock } from '../lib/keyed-lock.js';
import type { RevocationFeed } from '../revocation/index.js';
import type { TokenService } from '../token/index.js';
import type { TesseraObserver } from '../observer/index.js';
import type { LoginThrottlePolicy } from './login-throttle-policy.js';

/** Everything the account operations need, passed explicitly. */
export interface TesseraDeps extends SessionDeps {
  store: TesseraStore;
  passwordHasher: PasswordHasher;
  throttle: LoginThrottlePolicy;
  /** Serializes password checks per (account, client IP) within this process; see `verifyUserPassword`. */
  loginLock: KeyedLock;
  /** Access-token signing and verification, refresh-chain keys, and the local revocation set. */
  tokens: TokenService;
  /** Where every revocation is published. */
  revocationFeed: RevocationFeed;
  /** Told about logins, refreshes, revocations and failures, for metrics (`silentObserver` when unused). */
  observer: TesseraObserver;
}
