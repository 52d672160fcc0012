import { parseScryptHash } from './lib/scrypt-hash.js';
import { isBcryptHash } from './lib/verify-bcrypt-hash.js';

/**
 * The hash families Tessera accepts from another system (rehashed to argon2id on the next login).
 *
 * @example
 * const kind: ImportedPasswordHashKind | null = identifyImportedPasswordHash(row.passwordHash);
 * if (kind === null) throw new Error(`user ${row.id}: a hash Tessera cannot verify`);
 */
export type ImportedPasswordHashKind = 'bcrypt' | 'scrypt';

/**
 * Which importable family a password hash belongs to, or `null` when Tessera could never verify it:
 * bcrypt in modular crypt format (`$2a$`, `$2b$`, `$2y$`, cost 4 to 16) or scrypt in the PHC-style
 * format `hashScryptForImport` documents, with supported parameters. Used to refuse a bad row before
 * anything is imported.
 *
 * @example
 * identifyImportedPasswordHash('$2b$12$…53 characters…'); // 'bcrypt'
 */
export function identifyImportedPasswordHash(passwordHash: string): ImportedPasswordHashKind | null {
  if (isBcryptHash(passwordHash)) return 'bcrypt';
  if (passwordHash.startsWith('$scrypt$') && parseScryptHash(passwordHash) !== null) return 'scrypt';
  return null;
}
