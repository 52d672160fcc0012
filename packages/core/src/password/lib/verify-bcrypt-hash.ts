import bcrypt from 'bcryptjs';

/**
 * Highest bcrypt cost accepted. bcryptjs is pure JavaScript: cost 10 takes about 0.1 s and each
 * step doubles it, so cost 16 is several seconds; deployed systems use 10 to 14. A higher cost in a
 * stored hash is treated as corrupt rather than left to pin the process for minutes.
 */
const maxBcryptCost = 16;

// Modular crypt format: `$2a$`, `$2b$` or `$2y$`, a two-digit cost, then 22 characters of salt and
// 31 of hash in bcrypt's own base64 alphabet (60 characters in all).
const bcryptHashPattern = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/**
 * Checks a password against an imported bcrypt hash. Resolves `false` for a wrong password and for
 * a malformed hash; never rejects on the hash's content.
 *
 * bcrypt's own semantics are kept on purpose: only the first 72 UTF-8 bytes of the password count,
 * as they did in the system the hash came from. That only lasts until the user's next successful
 * login, when `needsRehash` is true and the password is rehashed with argon2id, which never
 * truncates. bcryptjs runs on the main thread (in chunks that yield to the event loop), unlike
 * argon2 and scrypt; acceptable for the one login per imported user that uses it.
 */
export async function verifyBcryptHash(passwordHash: string, password: string): Promise<boolean> {
  if (!isBcryptHash(passwordHash)) return false;
  try {
    return await bcrypt.compare(password, passwordHash);
  } catch {
    return false;
  }
}

/** Whether `passwordHash` is a bcrypt hash `verifyBcryptHash` accepts (format and cost 4 to 16). */
export function isBcryptHash(passwordHash: string): boolean {
  const match = bcryptHashPattern.exec(passwordHash);
  if (match === null) return false;
  const cost = Number(match[1]);
  return cost >= 4 && cost <= maxBcryptCost;
}
