// `@tessera/core/passkey`: WebAuthn passkeys (DESIGN §9): registration, sign-in, rename, removal.
export { finishPasskeyRegistration, type PasskeyRegistrationInput } from './finish-passkey-registration.js';
export { issueWebAuthnChallenge, takeWebAuthnChallenge } from './issue-webauthn-challenge.js';
export { loginWithPasskey, type PasskeyLoginInput } from './login-with-passkey.js';
export { passkeyFailed, type PasskeyFailureReason } from './passkey-failed.js';
export {
  DEFAULT_PASSKEY_NAME,
  MAX_PASSKEY_NAME_LENGTH,
  MAX_PASSKEYS_PER_USER,
  PASSKEY_ALGORITHMS,
  PASSKEY_CHALLENGE_TTL_SECONDS,
} from './passkey-policy.js';
export { relyingPartyOf, type RelyingParty } from './relying-party.js';
export { removePasskey } from './remove-passkey.js';
export { renamePasskey } from './rename-passkey.js';
export { startPasskeyLogin } from './start-passkey-login.js';
export { startPasskeyRegistration } from './start-passkey-registration.js';
