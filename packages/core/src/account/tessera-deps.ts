import type { EmailDeps } from '../mail/email-deps.js';
import type { PasswordHasher } from '../password/password-hasher.js';
import type { SessionDeps } from '../session/session-deps.js';
import type { TesseraStore } from '../store/tessera-store.js';
import type { KeyedLock } from '../lib/keyed-lock.js';
import type { RevocationFeed } from '../revocation/revocation-feed.js';
import type { TokenService } from '../token/token-service.js';
import type { TesseraObserver } from '../observer/tessera-observer.js';
import type { ServerSecrets } from '../secret/server-secrets.js';
import type { LoginThrottlePolicy } from './login-throttle-policy.js';

/**
 * Everything the account operations need, passed explicitly.
 *
 * @example
 * const deps: TesseraDeps = await createTesseraDeps({ store, secrets, tokens: { issuer, audience } });
 * const { user, token } = await loginWithPassword(deps, { email, password, transport: 'cookie', presentedSession: null, origin });
 */
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
  /** `TESSERA_SECRET`: seals second-factor secrets at rest (`seal`), as it seals private keys. */
  secrets: ServerSecrets;
  /** Account mail: delivery, templates, the public URL links are built from, lifetimes and limits (DESIGN §7). */
  email: EmailDeps;
}
