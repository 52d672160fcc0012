import { compareBcryptOffThread } from './compare-bcrypt-off-thread.js';

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
 * a malformed hash; never rejects on the hash's content (only when the worker thread fails).
 *
 * bcrypt's own semantics are kept on purpose: only the first 72 UTF-8 bytes of the password count,
 * as they did in the system the hash came from. That only lasts until the user's next successful
 * login, when `needsRehash` is true and the password is rehashed with argon2id, which never
 * truncates. bcryptjs is pure JavaScript, so it runs on a worker thread: argon2 and scrypt run on
 * libuv's thread pool, and none of them blocks the event loop.
 */
export async function verifyBcryptHash(passwordHash: string, password: string): Promise<boolean> {
  if (!isBcryptHash(passwordHash)) return false;
  return compareBcryptOffThread(password, passwordHash);
}

/** Whether `passwordHash` is a bcrypt hash `verifyBcryptHash` accepts (format and cost 4 to 16). */
export function isBcryptHash(passwordHash: string): boolean {
  const match = bcryptHashPattern.exec(passwordHash);
  if (match === null) return false;
  const cost = Number(match[1]);
  return cost >= 4 && cost <= maxBcryptCost;
}
