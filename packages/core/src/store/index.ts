// `@tessera/core/store`: the store's part interfaces and records, for backends and their callers.
export type { AuditEvent, AuditEventType, AuditQuery, AuditStore } from './audit-store.js';
export type { CounterState, CounterStore } from './counter-store.js';
export {
  isRevocationStream,
  type RevocationEntry,
  type RevocationStore,
  type RevocationStream,
} from './revocation-store.js';
export type { RefreshChainState, SessionRecord, SessionStore, SessionTransport } from './session-store.js';
export type { SigningAlgorithm, SigningKeyRecord, SigningKeyStore } from './signing-key-store.js';
export type { StoreLifecycle } from './store-lifecycle.js';
export { tesseraStoreParts, type TesseraStore, type TesseraStoreParts } from './tessera-store.js';
export type { UserQuery, UserRecord, UserStore } from './user-store.js';
export type { PasskeyDeviceType, PasskeyRecord, PasskeyStore, PasskeyUse } from './passkey-store.js';
export type {
  WebAuthnCeremony,
  WebAuthnChallengeRecord,
  WebAuthnChallengeStore,
} from './webauthn-challenge-store.js';
