import type { UserRecord } from '@tessera/core/store';
import { checkEmailVerified } from './check-email-verified.js';

/**
 * Throws `TypeError` when a batch for `insertUsers` repeats an id or an email: a caller bug, which
 * every store refuses the same way before writing anything.
 *
 * @example
 * checkUserBatch(users);
 */
export function checkUserBatch(users: readonly UserRecord[]): void {
  const ids = new Set<string>();
  const emails = new Set<string>();
  for (const user of users) {
    if (ids.has(user.id)) throw new TypeError('insertUsers: the batch repeats a user id.');
    if (emails.has(user.email)) throw new TypeError('insertUsers: the batch repeats an email.');
    checkEmailVerified(user.emailVerified);
    ids.add(user.id);
    emails.add(user.email);
  }
}
