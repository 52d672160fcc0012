import type { TesseraStore } from '@tessera/core';
import { normalizeEmail } from '@tessera/core/account';

/** A user row as the old app kept it: its own id, a bcrypt hash, one role. */
export interface LegacyUser {
  id: string;
  email: string;
  /** `$2a$`/`$2b$`/`$2y$` bcrypt, or `$scrypt$` from `hashScryptForImport`. */
  passwordHash: string;
  role: string | null;
  createdAt: Date;
}

/**
 * Copies the old app's users into Tessera's store, keeping their ids (so orders and other rows
 * that point at them stay valid) and their password hashes: Tessera verifies bcrypt and scrypt
 * hashes and replaces them with argon2id at each user's next login. Users already there are
 * skipped, so the import can be run again.
 *
 * @example
 * const { imported, skipped } = await importLegacyUsers(deps.store, await db.query('SELECT … FROM users'));
 */
export async function importLegacyUsers(
  store: Pick<TesseraStore, 'insertUser'>,
  users: Iterable<LegacyUser>,
): Promise<{ imported: number; skipped: number }> {
  let imported = 0;
  let skipped = 0;
  for (const user of users) {
    const email = normalizeEmail(user.email);
    if (email === null) throw new TypeError(`user ${user.id} has an email Tessera cannot accept`);
    const inserted = await store.insertUser({
      id: user.id,
      email,
      passwordHash: user.passwordHash,
      roles: user.role === null ? [] : [user.role],
      createdAt: user.createdAt,
      disabledAt: null,
      emailVerified: false,
    });
    if (inserted) imported += 1;
    else skipped += 1;
  }
  return { imported, skipped };
}
