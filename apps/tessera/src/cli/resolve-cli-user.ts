import { normalizeEmail } from '@tessera/core/account';
import type { UserRecord, UserStore } from '@tessera/core/store';
import { CliFailure } from './cli-command.js';

/**
 * The user an operator named, by email (anything with an `@`, normalized) or by id. Throws
 * `CliFailure` when there is none.
 *
 * @example
 * const user = await resolveCliUser(store, 'Alice@Example.com');
 */
export async function resolveCliUser(
  store: Pick<UserStore, 'getUserById' | 'getUserByEmail'>,
  emailOrId: string,
): Promise<UserRecord> {
  if (emailOrId.includes('@')) {
    const email = normalizeEmail(emailOrId);
    const user = email === null ? null : await store.getUserByEmail(email);
    if (user === null)
      throw new CliFailure(`no user with the email ${JSON.stringify(emailOrId.slice(0, 254))}`);
    return user;
  }
  const user = await store.getUserById(emailOrId);
  if (user === null) throw new CliFailure(`no user with the id ${JSON.stringify(emailOrId.slice(0, 64))}`);
  return user;
}
