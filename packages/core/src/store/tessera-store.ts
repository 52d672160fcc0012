/**
 * The storage contract every Tessera store implements (memory, SQLite, PostgreSQL, and Redis for
 * counters and revocations), made of parts: one interface per concern, one file per part per backend.
 *
 * Every store runs the same conformance cases (`@tessera/stores/conformance`) against a real instance.
 * Stores report infrastructure faults as `StoreUnavailableError` (with the driver error as `cause`),
 * never as "not found": a broken database must not look like a logout.
 *
 * A new part (say email tokens) is one interface file here, one line in each of `TesseraStore`,
 * `TesseraStoreParts` and `tesseraStoreParts`, and one file per backend (docs/decisions/0027).
 */
import { auditStoreMethods, type AuditStore } from './audit-store.js';
import { counterStoreMethods, type CounterStore } from './counter-store.js';
import { emailTokenStoreMethods, type EmailTokenStore } from './email-token-store.js';
import { identityStoreMethods, type IdentityStore } from './identity-store.js';
import { revocationStoreMethods, type RevocationStore } from './revocation-store.js';
import { sessionStoreMethods, type SessionStore } from './session-store.js';
import { signingKeyStoreMethods, type SigningKeyStore } from './signing-key-store.js';
import type { StoreLifecycle } from './store-lifecycle.js';
import { userStoreMethods, type UserStore } from './user-store.js';
import { secondFactorStoreMethods, type SecondFactorStore } from './second-factor-store.js';
import { pendingLoginStoreMethods, type PendingLoginStore } from './pending-login-store.js';
import { passkeyStoreMethods, type PasskeyStore } from './passkey-store.js';
import { webAuthnChallengeStoreMethods, type WebAuthnChallengeStore } from './webauthn-challenge-store.js';

/**
 * Everything the Tessera engine needs from storage: every part's methods on one object. Engine
 * functions take only the parts they use (`Pick<TesseraDeps, …>` with `store: UserStore & AuditStore`).
 *
 * @example
 * const store: TesseraStore = createMemoryStore();
 */
export interface TesseraStore
  extends
    UserStore,
    SessionStore,
    CounterStore,
    AuditStore,
    SigningKeyStore,
    RevocationStore,
    SecondFactorStore,
    PendingLoginStore,
    EmailTokenStore,
    IdentityStore,
    PasskeyStore,
    WebAuthnChallengeStore,
    StoreLifecycle {}

/**
 * The parts of a `TesseraStore` by name, as `composeStore` takes them.
 *
 * @example
 * const parts: Partial<TesseraStoreParts> = { counters: createRedisCounterStore(client, { prefix }) };
 */
export interface TesseraStoreParts {
  users: UserStore;
  sessions: SessionStore;
  counters: CounterStore;
  audit: AuditStore;
  signingKeys: SigningKeyStore;
  revocations: RevocationStore;
  secondFactors: SecondFactorStore;
  pendingLogins: PendingLoginStore;
  emailTokens: EmailTokenStore;
  identities: IdentityStore;
  passkeys: PasskeyStore;
  webAuthnChallenges: WebAuthnChallengeStore;
}

/**
 * Each part's method names, checked by the compiler against `TesseraStoreParts`.
 *
 * @example
 * Object.keys(tesseraStoreParts.counters); // ['incrementCounter', …]
 */
export const tesseraStoreParts = {
  users: userStoreMethods,
  sessions: sessionStoreMethods,
  counters: counterStoreMethods,
  audit: auditStoreMethods,
  signingKeys: signingKeyStoreMethods,
  revocations: revocationStoreMethods,
  secondFactors: secondFactorStoreMethods,
  pendingLogins: pendingLoginStoreMethods,
  emailTokens: emailTokenStoreMethods,
  identities: identityStoreMethods,
  passkeys: passkeyStoreMethods,
  webAuthnChallenges: webAuthnChallengeStoreMethods,
} as const satisfies { [Part in keyof TesseraStoreParts]: Record<keyof TesseraStoreParts[Part], true> };
