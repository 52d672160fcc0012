// `@tessera/core/store`: the store's part interfaces and records, for backends and their callers.
export type { AuditEvent, AuditEventType, AuditQuery, AuditStore } from './audit-store.js';
export type { CounterState, CounterStore } from './counter-store.js';
export type { EmailTokenPurpose, EmailTokenRecord, EmailTokenStore } from './email-token-store.js';
export type { IdentityRecord, IdentityStore } from './identity-store.js';
export {
  isRevocationStream,
  type RevocationEntry,
  type RevocationStore,
  type RevocationStream,
} from './revocation-store.js';
export type {
  AuthenticationMethod,
  RefreshChainState,
  SessionRecord,
  SessionStore,
  SessionTransport,
} from './session-store.js';
export type { SigningAlgorithm, SigningKeyRecord, SigningKeyStore } from './signing-key-store.js';
export type { StoreLifecycle } from './store-lifecycle.js';
export { tesseraStoreParts, type TesseraStore, type TesseraStoreParts } from './tessera-store.js';
export type { UserQuery, UserRecord, UserStore } from './user-store.js';
export type { SecondFactorStore, TotpFactorRecord } from './second-factor-store.js';
export type { PendingLoginRecord, PendingLoginStore } from './pending-login-store.js';
export type { PasskeyDeviceType, PasskeyRecord, PasskeyStore, PasskeyUse } from './passkey-store.js';
export type {
  WebAuthnCeremony,
  WebAuthnChallengeRecord,
  WebAuthnChallengeStore,
} from './webauthn-challenge-store.js';
