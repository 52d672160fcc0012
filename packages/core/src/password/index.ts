// `@tessera/core/password`: hashing, the new-password policy, and imported hashes.
export { checkNewPassword } from './check-new-password.js';
export { hashScryptForImport } from './hash-scrypt-for-import.js';
export {
  identifyImportedPasswordHash,
  type ImportedPasswordHashKind,
} from './identify-imported-password-hash.js';
export type { ScryptParameters } from './lib/scrypt-hash.js';
export { normalizePassword } from './normalize-password.js';
export {
  createPasswordHasher,
  owaspArgon2idParameters,
  type Argon2idParameters,
  type PasswordHasher,
  type PasswordHasherOptions,
} from './password-hasher.js';
